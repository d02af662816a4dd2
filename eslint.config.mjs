// One lint configuration for the whole monorepo (flat config).
// Type-aware: every TypeScript file is linted with its package's tsconfig (parserOptions.projectService);
// the JavaScript harnesses (bench/src, scripts) through their own allowJs tsconfig.json.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import nextPlugin from '@next/eslint-plugin-next';

/** The type-aware rules issue #13 asks for: `any` must not flow anywhere, no `!` assertions. */
const typeSafety = (level) => ({
  '@typescript-eslint/no-unsafe-assignment': level,
  '@typescript-eslint/no-unsafe-member-access': level,
  '@typescript-eslint/no-unsafe-call': level,
  '@typescript-eslint/no-unsafe-return': level,
  '@typescript-eslint/no-unsafe-argument': level,
  '@typescript-eslint/no-non-null-assertion': level,
});

const NODE_GLOBALS = Object.fromEntries(
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
    'AbortController',
    'performance',
  ].map((name) => [name, 'readonly']),
);

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/.next/**',
      '**/node_modules/**',
      '**/next-env.d.ts',
      '**/*.cjs',
      // Build-time helpers of the apps (not part of any tsconfig): eslint.config.mjs itself, jest/next configs, servers.
      'eslint.config.mjs',
      'apps/**/*.mjs',
      'packages/**/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
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
      ...typeSafety('warn'),
    },
  },
  {
    // Production sources stay at zero: any new `any` leak or `!` fails the lint step.
    files: ['apps/api/src/**/*.ts', 'apps/admin/src/**/*.{ts,tsx}', 'packages/contracts/src/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.test.ts'],
    rules: typeSafety('error'),
  },
  {
    // Tests: a `!` on a value the test has just asserted fails the test anyway if it is missing.
    files: ['**/*.spec.ts', '**/*.spec.tsx', 'apps/api/test/**', 'apps/admin/e2e/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // Only the config module, test and benchmark harnesses, the launcher and the admin's build-time settings may read the environment.
    files: ['apps/api/src/config.ts', 'apps/api/test/**', 'apps/admin/**', 'packages/**/scripts/**', 'bench/**', 'scripts/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // The admin: React's hook rules and Next's own checks.
    files: ['apps/admin/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks, '@next/next': nextPlugin },
    settings: { next: { rootDir: `${import.meta.dirname}/apps/admin/` } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/exhaustive-deps': 'error',
      // React Compiler diagnostics (the admin does not use the compiler): still reported, as warnings,
      // until the components they name are reworked (setState in effects, Date.now in render, refs in props).
      'react-hooks/purity': 'warn',
      'react-hooks/refs': 'warn',
      'react-hooks/set-state-in-effect': 'warn',
      ...nextPlugin.configs.recommended.rules,
      ...nextPlugin.configs['core-web-vitals'].rules,
    },
  },
  {
    // Server components (no 'use client' page exists): they render once per request, so reading the clock is the request time.
    files: ['apps/admin/src/app/**/page.tsx', 'apps/admin/src/app/**/layout.tsx'],
    rules: { 'react-hooks/purity': 'off' },
  },
  {
    // The benchmark harness and the launcher are plain ESM JavaScript (JSDoc types) run by Node.
    files: ['bench/**/*.js', 'scripts/**/*.mjs'],
    languageOptions: { globals: NODE_GLOBALS },
  },
);
