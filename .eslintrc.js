// ESLint 8 (.eslintrc) configuration. Formatting is Prettier's job
// (`eslint-config-prettier` switches off every stylistic rule); ESLint checks
// correctness and the import boundaries between the parts of the repository.
//
// Import boundaries (ESLint core `no-restricted-imports`, gitignore-style
// patterns matched against the import specifier):
//   - src/**            must not import the governance write path (governance/);
//   - src/client/**     additionally must not import constants or steps (the
//                       HTTP client knows nothing of the graph);
//   - simulator/**      must not import anything from src/, and outside its own
//                       tests nothing else of ours (test/, tools/, governance/);
//   - test/ code        is imported only by tests (*.test.ts) and test/ helpers:
//                       src/, tools/, governance/ (governance/testing included)
//                       and the simulator must not import it.
// ESLint applies only the options of the LAST override that matches a file for
// a given rule, so later overrides repeat the restrictions that still apply.
// test/lint/boundaries.test.ts checks these rules; test/lint/folders.test.ts
// checks the folder graph itself (no cycles, no non-test import of test/).

const NO_GOVERNANCE = {
  group: ['**/governance', '**/governance/**'],
  message: 'The integration (src/) only reads Cloudflare: it must not import the governance write path (governance/).',
};

const CLIENT_NO_GRAPH = {
  group: ['**/constants', '**/constants/**', '**/steps', '**/steps/**'],
  message: 'src/client knows nothing of the graph: no imports of constants or steps.',
};

const NO_TEST = {
  group: ['**/test', '**/test/**'],
  message: 'Only tests import test code (test/): move what this file needs into simulator/ or tools/lib/.',
};

const SIMULATOR_NO_OURS = {
  group: ['**/test', '**/test/**', '**/tools', '**/tools/**', '**/governance', '**/governance/**'],
  message: 'The simulator stands alone: it imports nothing of ours (test/, tools/, governance/).',
};

const SIMULATOR_NO_SRC = {
  group: ['**/src', '**/src/**'],
  message:
    "The simulator models Cloudflare independently: it must not import the integration's types or constants (src/).",
};

module.exports = {
  root: true,
  parser: '@typescript-eslint/parser',
  parserOptions: {
    ecmaVersion: 2021,
    sourceType: 'module',
  },
  env: {
    node: true,
    es2021: true,
  },
  plugins: ['@typescript-eslint'],
  extends: ['eslint:recommended', 'plugin:@typescript-eslint/recommended', 'prettier'],
  ignorePatterns: [
    'node_modules/',
    'dist/',
    'coverage/',
    '.j1-integration/',
    'bench-results/',
    '**/__recordings__/**',
    // .eslintrc.js itself is linted (dotfiles are ignored by default otherwise).
    '!.eslintrc.js',
  ],
  rules: {
    '@typescript-eslint/no-unused-vars': [
      'error',
      { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
    ],
    '@typescript-eslint/no-non-null-assertion': 'off',
  },
  overrides: [
    {
      // Makes `eslint .` pick up TypeScript files (ESLint 8 lints only *.js
      // unless an override names other extensions).
      files: ['**/*.ts'],
    },
    {
      // CommonJS JavaScript (jest.config.js, .eslintrc.js, tools/lib/*.js).
      files: ['**/*.js'],
      parserOptions: { sourceType: 'script' },
      rules: {
        '@typescript-eslint/no-var-requires': 'off',
      },
    },
    {
      files: ['**/*.test.ts', 'test/**'],
      env: { jest: true },
    },
    {
      files: ['test/**', 'tools/**', 'simulator/**/*.test.ts'],
      rules: {
        '@typescript-eslint/no-explicit-any': 'off',
      },
    },
    {
      files: ['src/**'],
      rules: {
        'no-restricted-imports': ['error', { patterns: [NO_GOVERNANCE, NO_TEST] }],
        // Static imports only, so the boundary above sees every import.
        'no-restricted-syntax': [
          'error',
          {
            selector: 'ImportExpression',
            message: 'src/ uses static imports only, so the import-boundary rules see every import.',
          },
          {
            selector: 'TSImportEqualsDeclaration',
            message: 'src/ uses static imports only, so the import-boundary rules see every import.',
          },
        ],
        '@typescript-eslint/no-require-imports': 'error',
      },
    },
    {
      files: ['src/client/**'],
      rules: {
        'no-restricted-imports': ['error', { patterns: [NO_GOVERNANCE, CLIENT_NO_GRAPH, NO_TEST] }],
      },
    },
    {
      files: ['src/**/*.test.ts'],
      rules: {
        'no-restricted-imports': ['error', { patterns: [NO_GOVERNANCE] }],
      },
    },
    {
      files: ['src/client/**/*.test.ts'],
      rules: {
        'no-restricted-imports': ['error', { patterns: [NO_GOVERNANCE, CLIENT_NO_GRAPH] }],
      },
    },
    {
      files: ['tools/**', 'governance/**'],
      rules: {
        'no-restricted-imports': ['error', { patterns: [NO_TEST] }],
      },
    },
    {
      files: ['governance/**/*.test.ts'],
      rules: {
        'no-restricted-imports': 'off',
      },
    },
    {
      files: ['simulator/**'],
      rules: {
        'no-restricted-imports': ['error', { patterns: [SIMULATOR_NO_SRC, SIMULATOR_NO_OURS] }],
      },
    },
    {
      files: ['simulator/**/*.test.ts'],
      rules: {
        'no-restricted-imports': ['error', { patterns: [SIMULATOR_NO_SRC] }],
      },
    },
  ],
};
