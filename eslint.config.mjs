// Lint rules that keep the architecture honest (DESIGN.md invariant 5, CONVENTIONS.md layout):
// - libs/domain imports no framework or driver, reads no clock and makes no random ids;
// - a project imports another lib only through its public index (`@forensics/<lib>`).
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const frameworksAndDrivers = ['@nestjs/*', 'typeorm', 'kafkajs', 'pg', 'pg-*', 'ioredis', 'express'];

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', '.cache/**', '.nx/**', 'coverage/**'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          depConstraints: [
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:domain'],
              bannedExternalImports: frameworksAndDrivers,
            },
            { sourceTag: '*', onlyDependOnLibsWithTags: ['*'] },
          ],
        },
      ],
      // A deep import couples a caller to another lib's file layout.
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@forensics/*/*'], message: 'Import a lib through its public index: @forensics/<lib>.' }] },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // In a test, `!` after a lookup states what the test expects; a wrong one fails the test.
    files: ['**/*.spec.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // The domain is pure: time and ids arrive inside commands.
    files: ['libs/domain/**/*.ts'],
    ignores: ['libs/domain/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['crypto', 'node:crypto', 'uuid', 'fs', 'node:fs', 'http', 'node:http', 'net', 'node:net'].map((name) => ({
            name,
            message: 'libs/domain is pure: no I/O, no randomness. Ids and time come in with the command.',
          })),
          patterns: [
            { group: frameworksAndDrivers, message: 'libs/domain must not import a framework or a driver.' },
            { group: ['@forensics/*/*'], message: 'Import a lib through its public index: @forensics/<lib>.' },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'libs/domain reads no clock: take the time from the command.' },
        { object: 'Math', property: 'random', message: 'libs/domain makes no randomness: take ids from the command.' },
        { object: 'crypto', property: 'randomUUID', message: 'libs/domain makes no ids: take them from the command.' },
        { object: 'crypto', property: 'getRandomValues', message: 'libs/domain makes no randomness.' },
        { object: 'performance', property: 'now', message: 'libs/domain reads no clock.' },
        { object: 'process', property: 'hrtime', message: 'libs/domain reads no clock.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'libs/domain reads no clock: `new Date()` without an argument is the current time.',
        },
        { selector: "CallExpression[callee.name='Date']", message: 'libs/domain reads no clock: `Date()` is the current time.' },
        { selector: "Identifier[name='process']", message: 'libs/domain reads no environment or process state.' },
      ],
    },
  },
];
