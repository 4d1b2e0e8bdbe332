// ESLint 8 (.eslintrc) configuration. Formatting is Prettier's job
// (`eslint-config-prettier` switches off every stylistic rule); ESLint checks
// correctness and the import boundaries between the parts of the repository.
//
// Import boundaries (ESLint core `no-restricted-imports`, gitignore-style
// patterns matched against the import specifier):
//   - src/**            must not import the governance write path (governance/);
//   - src/client/**     additionally must not import constants or steps (the
//                       HTTP client knows nothing of the graph);
//   - simulator/** must not import anything from src/.
// ESLint applies only the options of the LAST override that matches a file for
// a given rule, so the src/client override repeats the src/ restriction.
// test/lint/boundaries.test.ts checks these rules.

const NO_GOVERNANCE = {
  group: ['**/governance', '**/governance/**'],
  message: 'The integration (src/) only reads Cloudflare: it must not import the governance write path (governance/).',
};

const CLIENT_NO_GRAPH = {
  group: ['**/constants', '**/constants/**', '**/steps', '**/steps/**'],
  message: 'src/client knows nothing of the graph: no imports of constants or steps.',
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
        'no-restricted-imports': ['error', { patterns: [NO_GOVERNANCE] }],
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
        'no-restricted-imports': ['error', { patterns: [NO_GOVERNANCE, CLIENT_NO_GRAPH] }],
      },
    },
    {
      files: ['simulator/**'],
      rules: {
        'no-restricted-imports': ['error', { patterns: [SIMULATOR_NO_SRC] }],
      },
    },
  ],
};
