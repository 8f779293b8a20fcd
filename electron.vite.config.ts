import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { builtEntries } from './src/main/platform/entries';
import { contentSecurityPolicy } from './src/shared/security/csp';

/**
 * index.html carries the CSP literally (security scanners read the source); the build fails if
 * it ever drifts from src/shared/security/csp.ts, the one the shells send as a header.
 */
function cspMetaTag(): Plugin {
  return {
    name: 'roc-csp-meta',
    transformIndexHtml(html) {
      if (!html.includes(`content="${contentSecurityPolicy}"`)) {
        throw new Error('src/renderer/index.html: its CSP meta tag differs from src/shared/security/csp.ts');
      }
      return html;
    },
  };
}

export default defineConfig({
  main: {
    build: {
      externalizeDeps: true,
      // The core's process and worker threads are entries of their own, built next to index.js (see src/main/platform/entries.ts).
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          ...Object.fromEntries(Object.entries(builtEntries).map(([name, file]) => [name, resolve(__dirname, 'src/main', file)])),
        },
      },
    },
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
    // electron-vite leaves the renderer unminified; minified, the first screen parses a third as much.
    build: { minify: true, chunkSizeWarningLimit: 700 /* hls.js alone, in the Live view's chunk */, rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } } },
  },
});
