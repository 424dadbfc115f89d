// ESLint flat config: typescript-eslint on every TypeScript file, Prettier for layout,
// and the architecture rule that keeps domain code free of I/O frameworks.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const frameworksForbiddenInDomain = {
  patterns: [
    {
      group: [
        'express',
        'express/*',
        'mongoose',
        'mongoose/*',
        'kafkajs',
        '@opentelemetry/*',
        'mongodb',
      ],
      message:
        'Domain code holds pure rules: no express, mongoose, kafkajs or OpenTelemetry (docs/architecture.md section 2).',
    },
  ],
};

// FerretDB 1.24 on PostgreSQL silently matches nothing when an update, delete, count or
// distinct filters through an array with a dot path (`{'items.k': 6}`; it works in `find`).
// Writes filter by `_id` (the persistence kit), so such a key there is a bug (docs/storage.md).
const writeOperations =
  'updateOne|updateMany|replaceOne|deleteOne|deleteMany|countDocuments|distinct|findOneAndUpdate|findOneAndDelete|findOneAndReplace';
export const noDotPathInWrites = {
  selector: `CallExpression[callee.property.name=/^(${writeOperations})$/] > ObjectExpression:first-child Property[key.type='Literal'][key.value=/\\./]`,
  message:
    'No dot-path filter in an update, delete, count or distinct: the stand-in matches nothing through arrays; filter by _id or a top-level field (docs/storage.md).',
};

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '.tools/**',
      '.data/**',
      'helm/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'off',
      'no-restricted-syntax': ['error', noDotPathInWrites],
    },
  },
  {
    files: ['**/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...frameworksForbiddenInDomain.patterns,
            {
              group: ['@rehab/*', '!@rehab/domain-kit', 'node:*'],
              message:
                'Domain code needs nothing but @rehab/domain-kit: no other library, no Node API (docs/architecture.md section 2).',
            },
          ],
        },
      ],
    },
  },
  {
    // Test fixtures beside the rules may read files.
    files: ['**/src/domain/**/*.test.ts', '**/src/domain/**/test-support.ts'],
    rules: { 'no-restricted-imports': ['error', frameworksForbiddenInDomain] },
  },
  {
    files: ['services/*/src/app/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../store/*', '**/store/*'],
              message:
                'Use cases depend on their ports (src/app/ports.ts), not on the store that implements them.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', '**/test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  prettier,
);
