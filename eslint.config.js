import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** React and d3 belong to the page. */
const FRAMEWORK = ['react', 'react-dom', 'react/*', 'react-dom/*', 'd3', 'd3-*'];

/** Globals that exist only in a page (not in Node, not in a worker): code that must run in both may not touch them. */
const DOM_ONLY_GLOBALS = ['window', 'document', 'localStorage', 'sessionStorage', 'HTMLElement', 'HTMLCanvasElement'];

/** TensorFlow.js enters through src/core/tf.ts (tfjs-core and tfjs-layers) and the workers' tfjsRuntime.ts: the
 *  @tensorflow/tfjs package would pull the WebGL backend, the converter and tfjs-data into every worker. The
 *  page loads no TensorFlow.js at all (it runs in the workers). */
const TFJS_PACKAGE = { group: ['@tensorflow/tfjs'], message: "Import TensorFlow.js from src/core/tf.ts, not the '@tensorflow/tfjs' package (see tf.ts)." };
const NO_TFJS_ON_PAGE = { group: ['@tensorflow/*', '**/core/tf'], message: 'The page loads no TensorFlow.js: it runs in the workers.', allowTypeImports: true };

/** One layer's import rule: `files` may not import anything matching `patterns` (gitignore-style), nor what
 *  the `extra` pattern groups name. */
function layer(files, message, patterns, { globals = [], extra = [] } = {}) {
  return {
    files: [files],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...(patterns.length ? [{ group: patterns, message }] : []), ...extra] }],
      ...(globals.length ? { 'no-restricted-globals': ['error', ...globals.map((name) => ({ name, message }))] } : {}),
    },
  };
}

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'bench/out'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, ...globals.worker } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Nothing a user types or drops is ever rendered as HTML.
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Never render strings as HTML.' },
        { selector: "AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/]", message: 'Never assign HTML strings; use textContent or React.' },
        { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'Never insert HTML strings.' },
      ],
    },
  },
  {
    files: ['src/**/*.tsx', 'src/labs/**/*.ts', 'src/ui/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  // Layering (docs/ARCHITECTURE.md): each layer imports only from the layers below it.
  //   core ← ui ← labs;  core ← workers;  core ← node ← cli;  storage is the page's (labs) alone; node/ holds the
  //   Node-only adapters (file system, the corpus package), for the CLI, the bench and vite.config.ts.
  layer('src/core/**/*.{ts,tsx}', 'The core is framework-free: no React, no DOM, no UI, labs, workers, CLI or storage.', [
    ...FRAMEWORK, '**/labs/**', '**/ui/**', '**/workers/**', '**/cli/**', '**/storage/**', '**/node/**', 'node:*',
  ], { globals: DOM_ONLY_GLOBALS, extra: [TFJS_PACKAGE] }),
  layer('src/ui/**/*.{ts,tsx}', 'Shared UI knows no lab and no worker.', ['**/labs/**', '**/workers/**', '**/*.worker*', '**/node/**', 'node:*'], { extra: [NO_TFJS_ON_PAGE] }),
  layer('src/{labs,site}/**/*.{ts,tsx}', '', [], { extra: [NO_TFJS_ON_PAGE] }),
  layer('src/workers/**/*.ts', 'Workers import no lab, UI or storage code (and no React).', [
    ...FRAMEWORK, '**/labs/**', '**/ui/**', '**/storage/**', '**/node/**', 'node:*',
  ], { globals: DOM_ONLY_GLOBALS, extra: [TFJS_PACKAGE] }),
  layer('src/cli/**/*.ts', 'The CLI imports no lab or UI code.', [...FRAMEWORK, '**/labs/**', '**/ui/**', '**/storage/**']),
);
