/** Browser end-to-end tests: Debian's Chromium driven by playwright-core against the built app on localhost. */
/** @type {import('jest').Config} */
module.exports = {
  displayName: 'client-e2e',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.e2e.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { swcrc: false, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }] },
  globalSetup: '<rootDir>/support/global-setup.ts',
  globalTeardown: '<rootDir>/support/global-teardown.ts',
  testTimeout: 120000,
  maxWorkers: 1,
};
