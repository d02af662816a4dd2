// One lint configuration for the whole monorepo (flat config).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/.next/**', '**/node_modules/**', '**/next-env.d.ts', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // Misreads values used only inside decorator arguments (e.g. @Param(pipe)) as unused.
      'no-useless-assignment': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read configuration through the validated config (apps/api/src/config.ts), never process.env.',
        },
      ],
    },
  },
  {
    // Only the config module, test and benchmark harnesses and the admin's build-time settings may read the environment.
    files: ['apps/api/src/config.ts', 'apps/api/test/**', 'apps/admin/**', 'packages/**/scripts/**', 'bench/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // The benchmark harness is plain ESM JavaScript (JSDoc types) run by Node.
    files: ['bench/**/*.js'],
    languageOptions: {
      globals: Object.fromEntries(
        [
          'process',
          'Buffer',
          'URL',
          'URLSearchParams',
          'fetch',
          'console',
          'setTimeout',
          'clearTimeout',
          'setInterval',
          'clearInterval',
          'AbortSignal',
          'performance',
        ].map((name) => [name, 'readonly']),
      ),
    },
  },
);
