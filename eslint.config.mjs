import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    // Worker-thread bootstraps are plain JavaScript, outside the TypeScript projects.
    ignores: [
      '**/dist/**',
      '**/src/gql/**',
      '**/db.generated.ts',
      '**/node_modules/**',
      '**/*.config.*',
      '**/*.boot.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
      eqeqeq: ['error', 'smart'],
      curly: ['error', 'multi-line'],
      'no-process-env': 'error',
    },
  },
  {
    // Tests read loosely typed GraphQL responses; strictness there buys nothing.
    files: ['**/*.spec.ts', '**/*.spec.tsx', '**/test/**', 'e2e/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  { files: ['**/env.ts', 'bench/**', 'e2e/**', '**/scripts/**'], rules: { 'no-process-env': 'off' } },
  {
    // Layers: only the media repository decodes pixels in the API; the schema never reaches the API.
    files: ['apps/api/src/**'],
    // media-edits.ts is the media repository's own helper (the editor's pipeline); only it imports it.
    ignores: ['apps/api/src/repositories/media.repository.ts', 'apps/api/src/repositories/media-edits.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'sharp', message: 'sharp belongs in media.repository.ts' }] },
      ],
    },
  },
  {
    files: ['packages/schema/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/apps/**', '@atelier/api'],
              message: 'The schema reaches the API only through SchemaContext ports',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // No hand-written source file over 400 lines: split it by concern. Data tables are exempt.
    files: ['**/*.{ts,tsx,mjs}'],
    ignores: ['**/*.spec.{ts,tsx}', '**/test/**', 'e2e/**', 'packages/providers/src/local/vocabulary.ts'],
    rules: { 'max-lines': ['error', { max: 400 }] },
  },
  {
    // A test file over ~1,000 lines is split by the module it tests.
    files: ['**/*.spec.{ts,tsx}', '**/test/**', 'e2e/**'],
    rules: { 'max-lines': ['error', { max: 1000 }] },
  },
);
