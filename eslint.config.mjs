// One linter (typescript-eslint) with the import rules of docs/decisions/001-layout.md, one override per folder.
import tseslint from 'typescript-eslint';

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'coverage/', 'specs/**/types.gen.ts', 'bench-results/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/main.ts', 'src/cli/**'],
    rules: restrict([
      { group: ['**/mocks/**', '**/contracts/**', '**/test/**'], message: 'src/ knows no particular API.' },
    ]),
  },
  {
    files: ['src/core/**/*.ts'],
    rules: restrict([
      { group: ['../*', '!./*'], message: 'src/core imports nothing of ours outside itself.' },
      { regex: '^[^.]', message: 'src/core imports no third-party package.' },
    ]),
  },
  {
    files: ['mocks/*/*.ts'],
    rules: restrict([
      { regex: '^\\.\\./\\.\\./src/(?!index$)', message: 'mocks/<api> imports the public src index only.' },
      { regex: '^\\.\\./(?!\\.\\./)', message: 'mocks/<api> imports nothing from another API.' },
    ]),
  },
  {
    files: ['contracts/*/*.ts'],
    rules: restrict([
      { regex: '^\\.\\./\\.\\./src/(?!index$)', message: 'contracts import the public src index.' },
    ]),
  },
);
