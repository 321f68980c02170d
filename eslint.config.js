// Lint and the layout's boundaries, run by `npm test` (scripts/test.mjs) before the tests.
// The boundaries: shared/ is pure and imports nothing outside itself; the renderer never
// reaches into the Node side; the Node services import no Electron (web mode runs them);
// in the renderer only stores (and the api folder itself) import the API client; no cycles.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

const NODE_GLOBALS = { process: 'readonly', console: 'readonly', performance: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' };

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'build/**', 'resources/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts,mjs,js}'],
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs', '.json'] })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './shared', from: ['./electron', './renderer', './test', './bench', './scripts'], message: 'shared/ is the pure domain: it imports nothing outside itself.' },
            { target: './renderer', from: ['./electron'], message: 'The renderer reaches the Node side only through the API contract.' },
            {
              target: './renderer/src',
              from: ['./renderer/src/api/instance.ts', './renderer/src/api/client.ts'],
              except: [],
              message: 'Only stores call the API: read state through a store and its selectors.',
            },
          ],
        },
      ],
      // Unused on purpose: a leading underscore says so (a rest sibling left out, an argument a signature needs).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Control characters are what the masking and the CSV guard look for.
      'no-control-regex': 'off',
    },
  },
  {
    // Stores and the api folder are the renderer's only way to the service (the draft's
    // writer is the call store's, kept apart for its timing; main.tsx only starts the app).
    files: ['renderer/src/**/*-store.ts', 'renderer/src/call/draft-writer.ts', 'renderer/src/api/**', 'renderer/src/main.tsx'],
    rules: { 'import-x/no-restricted-paths': 'off' },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['node:*', 'electron', 'react', 'react-*', 'react/*', 'zustand', 'i18next', 'fs', 'path', 'os', 'crypto'], message: 'shared/ runs in the window and in Node alike: no Node, Electron, React or UI libraries.' }] },
      ],
    },
  },
  {
    files: ['electron/services/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'The services run in web mode too: no Electron here (the shell is passed in).' }] }] },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: NODE_GLOBALS },
  },
);
