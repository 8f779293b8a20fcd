// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeModules = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const nativeModules = ['better-sqlite3', 'keytar', 'ws'];

/** Layer rules (VS Code style): what each environment may import. */
const forbid = (paths, patterns = [], message) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: paths.map((name) => ({ name, message })),
      patterns: patterns.map((group) => ({ group: [group], message })),
    },
  ],
});

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'coverage/**', 'test-results/**', 'playwright-report/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
      // Worker threads are typed entry files (src/main/platform/threads.ts); no code lives in strings.
      'no-eval': 'error',
      'no-new-func': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Worker'] Property[key.name='eval']", message: 'A worker thread is a typed entry file started with startThread (src/main/platform/threads.ts), never code in a string.' },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      ...forbid([...nodeModules, 'electron', 'react', 'react-dom', ...nativeModules], ['**/main/**', '**/renderer/**', '**/preload/**', '**/simulator/**'], 'src/shared is pure: no Node, DOM, Electron or other layers.'),
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  {
    files: ['src/main/**/*.ts', 'src/simulator/**/*.ts'],
    ignores: ['src/main/index.ts', 'src/main/shell/electron/**'],
    languageOptions: { globals: { ...globals.node } },
    rules: forbid(['electron'], ['**/renderer/**', '**/preload/**'], 'The core runs without Electron: import electron only in src/main/index.ts and src/main/shell/electron/.'),
  },
  {
    // DESIGN.md's layering: admin sits above estate, audit, sync, vendors and connections; below it
    // only the composition root may reach it.
    files: ['src/main/**/*.ts'],
    // db/migrations.ts lists every feature's schema, admin's too.
    ignores: ['src/main/admin/**', 'src/main/db/migrations.ts', 'src/main/core/createCore.ts', 'src/main/compose.ts', 'src/main/index.ts', 'src/main/shell/electron/**'],
    rules: forbid(['electron'], ['**/renderer/**', '**/preload/**', '**/admin/**', '!**/shared/admin/**'], 'Nothing below admin imports it (DESIGN.md layering); the composition root wires it in.'),
  },
  {
    files: ['src/main/index.ts', 'src/main/shell/electron/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: forbid([], ['**/renderer/**'], 'The shell does not reach into the renderer.'),
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: forbid([...nodeModules, ...nativeModules], ['**/main/**', '**/renderer/**'], 'The preload is a bridge only: electron contextBridge/ipcRenderer and the shared contract.'),
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...forbid([...nodeModules, 'electron', ...nativeModules], ['**/main/**', '**/preload/index*', '**/simulator/**'], 'The renderer runs no Node: reach the core through src/renderer/src/api/client.ts.'),
      'no-restricted-globals': ['error', 'process', 'require', 'Buffer', '__dirname', 'global'],
    },
  },
  {
    files: ['test/**/*.{ts,tsx}', 'bench/**/*.ts', 'scripts/**/*.{ts,mjs}', '*.config.{ts,mjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
);
