/**
 * Unit tests (src/**\/*.spec.ts) and HTTP integration tests against a real PostgreSQL
 * (test/**\/*.e2e-spec.ts). The global setup provides a PostgreSQL server; each test file
 * creates its own database on it (see test/support/app.ts).
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'es6' },
  },
];

// sanitize-html (CommonJS) requires htmlparser2 and its family, which are ESM-only. Node loads them
// with require(esm); Jest's module registry cannot, so they are compiled to CommonJS for tests only.
const ESM_ONLY = '(htmlparser2|domhandler|domutils|dom-serializer|domelementtype|entities)';

export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': swc,
    [`/node_modules/\\.pnpm/${ESM_ONLY}@.+\\.js$`]: ['@swc/jest', { module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: [`^(?!.*/node_modules/\\.pnpm/${ESM_ONLY}@).*/node_modules/`],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  // A guard against a hang, not a speed check: a test that starts the API with the demo newsroom
  // (audio encodes, image renditions) took over 30 s on a loaded 2-core machine.
  testTimeout: 90000,
};
