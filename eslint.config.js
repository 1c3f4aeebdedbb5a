import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The process is touched in one place (bin/ and createProcessContext); output goes through io/.
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.test.ts', 'src/process-context.ts'],
    rules: {
      'no-console': 'error',
      'no-restricted-properties': ['error', { object: 'process', property: 'exit', message: 'Only bin/ ends the process.' }],
    },
  },
  {
    // A pure core: no I/O, no clock, no process (docs/architecture.md).
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['undici', 'node:fs', 'node:fs/promises', 'fs', 'fs/promises', 'node:http', 'node:https', 'node:net', 'node:child_process', 'node:process', 'process'],
          patterns: ['../config/*', '../http/*', '../io/*', '../../config/*', '../../http/*', '../../io/*'],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'fetch'],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'Pass the clock in.' }, { object: 'Math', property: 'random', message: 'Pass randomness in.' }],
    },
  },
);
