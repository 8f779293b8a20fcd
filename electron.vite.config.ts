import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { contentSecurityPolicy } from './src/shared/security/csp';

/** Writes the one CSP of src/shared/security/csp.ts into index.html, so the two never drift. */
function cspMetaTag(): Plugin {
  return {
    name: 'roc-csp-meta',
    transformIndexHtml: (html) => html.replace('%CSP%', contentSecurityPolicy),
  };
}

export default defineConfig({
  main: {
    build: { externalizeDeps: true, rollupOptions: { input: { index: resolve(__dirname, 'src/main/index.ts') } } },
  },
  preload: {
    // Sandboxed preloads cannot require npm modules: bundle everything into one file.
    build: {
      externalizeDeps: false,
      rollupOptions: { input: { index: resolve(__dirname, 'src/preload/index.ts') }, external: ['electron'], output: { format: 'cjs' } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [react(), cspMetaTag()],
    build: { rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } } },
  },
});
