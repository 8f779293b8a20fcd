// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import importPlugin from 'eslint-plugin-import';
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
      // One group, so a `!` pattern carves an exception out of the others (e.g. shared/admin out of admin).
      patterns: patterns.length > 0 ? [{ group: patterns, message }] : [],
    },
  ],
});

/**
 * One-way layers inside the core (src/main), lowest first: a folder imports only folders of lower
 * layers (and its own), so no feature imports one that imports it back. Above them all: the
 * composition root (compose.ts), the core's process host (host/), the shells (shell/) and the
 * Electron entry (index.ts).
 * db/migrations.ts, the list of every feature's schema, belongs to the composition level too.
 */
const coreLayers = [
  ['db', 'log', 'platform', 'secrets'],
  ['core', 'changeLog'],
  ['vendors'],
  ['connections', 'estate'],
  ['alerts', 'app', 'audit', 'demo', 'inventory', 'occupancyBoard', 'reports', 'storeLayout', 'video'],
  ['admin', 'exports', 'live', 'reads', 'sync'],
];
// Of their own layer, what a folder may still import: the read workers run administration's
// heavy reads (users, access audit), and admin never imports them back.
const sameLayerImports = { reads: ['admin'] };
const composition = ['./src/main/compose.ts', './src/main/index.ts', './src/main/host', './src/main/shell'];
const layerZones = coreLayers.flatMap((layer, i) =>
  layer.map((folder) => ({
    target: `./src/main/${folder}`,
    from: [...coreLayers.slice(i).flat().filter((f) => f !== folder && !(sameLayerImports[folder] ?? []).includes(f)).map((f) => `./src/main/${f}`), ...composition],
    message: `src/main/${folder} may import only lower layers (${coreLayers.slice(0, i).flat().join(', ') || 'none'}): see coreLayers in eslint.config.mjs. Hand a service in from the composition root (src/main/compose.ts) instead.`,
  })),
);

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
        // Chromium's scrollIntoView returns a promise; an arrow-bodied effect hands it to React as its cleanup.
        {
          selector: "CallExpression[callee.name=/^use(Layout|Insertion)?Effect$/] > ArrowFunctionExpression[expression=true] CallExpression[callee.property.name='scrollIntoView']",
          message: 'Give an effect that calls scrollIntoView a block body: the promise Chromium returns would be taken for the cleanup.',
        },
      ],
    },
  },
  {
    // The desktop shell has no terminal: what it has to say goes to its log (logs/shell.log).
    files: ['src/main/shell/electron/**/*.ts'],
    rules: { 'no-console': 'error' },
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
    // only the composition root may reach it, and the read workers that run its heavy reads.
    files: ['src/main/**/*.ts'],
    // db/migrations.ts lists every feature's schema, admin's too.
    ignores: ['src/main/admin/**', 'src/main/reads/**', 'src/main/db/migrations.ts', 'src/main/compose.ts', 'src/main/index.ts', 'src/main/shell/electron/**'],
    rules: forbid(['electron'], ['**/renderer/**', '**/preload/**', '**/admin/**', '!**/shared/admin/**'], 'Nothing below admin imports it (DESIGN.md layering); the composition root wires it in.'),
  },
  {
    files: ['src/main/**/*.ts'],
    plugins: { import: importPlugin },
    settings: {
      'import/resolver': { node: { extensions: ['.ts', '.js'] } },
      'import/parsers': { '@typescript-eslint/parser': ['.ts'] },
    },
    rules: {
      'import/no-restricted-paths': ['error', { zones: layerZones }],
      // disableScc: the rule's precomputed graph does not know a file linted from text (test/lint).
      'import/no-cycle': ['error', { disableScc: true }],
    },
  },
  {
    files: ['src/main/db/migrations.ts'],
    rules: { 'import/no-restricted-paths': 'off' },
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
