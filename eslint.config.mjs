// One lint configuration for every workspace (services, packages, web, tests, scripts, bench).
// TypeScript files are linted with type information (each workspace's tsconfig.json, found by
// the project service), so promise mistakes and type-only imports are caught, not just style.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '.cache/**',
      '.dev/**',
      'bench/results/**',
      'web/src/graphql/generated.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['test/*.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      '@typescript-eslint/no-empty-object-type': ['error', { allowWithName: 'Props$' }],
      // Type-aware: a promise nobody awaits loses its error; one passed where a callback's
      // result is ignored (an event handler, forEach) does the same.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { attributes: false } },
      ],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      // Type-only imports are erased, so a module is loaded only where its values are used.
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'inline-type-imports' },
      ],
      '@typescript-eslint/consistent-type-exports': 'error',
    },
  },
  {
    // Services read their environment once, in env.ts, into a typed config; nothing else
    // looks at process.env, so every variable and its default are in one place.
    files: ['gateway/src/**/*.ts', 'subgraphs/*/src/**/*.ts', 'packages/*/src/**/*.ts'],
    // The test kit reads the test run's variables (database, broker) by design.
    ignores: ['**/env.ts', 'packages/testkit/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read the environment in env.ts and pass the parsed config in.',
        },
      ],
    },
  },
  {
    // Tests read GraphQL responses by their shape (`data.feed.edges[0].node.post.id`); typing
    // every test query is the web app's job (typed documents), so the test client's default
    // response data type stays open. Nothing else may use `any`.
    files: ['packages/testkit/src/graphql.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['web/src/**/*.{ts,tsx}', 'web/graphiql/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { ...globals.node } },
    rules: {
      ...tseslint.configs.disableTypeChecked.rules,
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
);
