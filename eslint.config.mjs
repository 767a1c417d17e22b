import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'coverage/', '.cache/', 'public/vendor/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // House sizes: a function fits on a screen, a file is read in one go. The questionnaire's
    // definition is a declarative table.
    files: ['src/**/*.ts'],
    ignores: ['src/questionnaire/definition.ts'],
    rules: {
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }],
      'max-lines': ['error', { max: 250, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // A form is read through readForm (src/lib/http/form.ts), which declares each field.
    files: ['src/**/*.ts'],
    ignores: ['src/lib/http/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='req'][property.name='body']",
          message: 'Read the form with readForm (src/lib/http/form.ts): no handler reads req.body.',
        },
      ],
    },
  },
  {
    files: ['public/js/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: {
        window: 'readonly',
        document: 'readonly',
        fetch: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
  },
  {
    files: ['*.js', '*.mjs', '*.cjs', '.*.cjs'],
    languageOptions: { globals: { module: 'writable', require: 'readonly' } },
  },
);
