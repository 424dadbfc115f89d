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
        'Domain code holds pure rules: no express, mongoose, kafkajs or OpenTelemetry (ARCHITECTURE.md section 2).',
    },
  ],
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
    },
  },
  {
    files: ['**/src/domain/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', frameworksForbiddenInDomain] },
  },
  {
    files: ['**/*.test.ts', '**/test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  prettier,
);
