// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

/** Imports a domain/ folder may not make: it stays pure (no I/O, no framework, no other context). */
const DOMAIN_FORBIDDEN = [
  {
    group: ['node:*', 'fs', 'path', 'http', 'https', 'net', 'crypto', 'child_process', 'os'],
    message: 'domain/ is pure: no I/O or platform modules',
  },
  {
    group: ['fastify*', '@fastify/*', 'better-sqlite3', 'inversify', 'jose', 'pino', 'amqplib', 'mongodb', '@eventstore/*', 'uuid'],
    message: 'domain/ is pure: no frameworks or drivers',
  },
  {
    group: ['@hcms/infra', '@hcms/infra/*', '@hcms/projections', '@hcms/projections/*', '@hcms/patients', '@hcms/patients/*'],
    message: 'domain/ may import only the shared kernel and its own context',
  },
  { group: ['**/application/*', '**/api/*'], message: 'domain/ does not depend on outer layers' },
];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'data/**', 'scripts/*.cjs', 'infra/bin/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  prettier,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/require-await': 'off',
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='describe'][property.name='only']", message: 'no .only in tests' },
        { selector: "MemberExpression[object.name='it'][property.name='only']", message: 'no .only in tests' },
      ],
    },
  },
  {
    // Other contexts, and the read side, are reached only through a context's contract.
    files: ['contexts/**/src/**/*.ts', 'projections/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^@hcms/(?!shared-kernel)[^/]+(/(?!contract$).*)?$',
              message: 'reach another context only through its contract (@hcms/<context>/contract)',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/src/domain/**/*.ts'],
    // Specs and their fixtures are test code.
    ignores: ['**/*.spec.ts', '**/*.fixtures.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: DOMAIN_FORBIDDEN }],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'domain/ is deterministic: ids come with the command' },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'Date', message: 'domain/ gets time from the command' },

        { name: 'process', message: 'domain/ is pure' },
        { name: 'fetch', message: 'domain/ is pure' },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/testing/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unused-expressions': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly' },
    },
  },
);
