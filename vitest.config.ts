import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Two projects: the core (Node, real HTTP/SQLite/keychain) and renderer components (happy-dom).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'dom',
          environment: 'happy-dom',
          include: ['test/**/*.test.tsx'],
          setupFiles: ['test/support/domSetup.tsx'],
          testTimeout: 60_000,
        },
      },
    ],
  },
});
