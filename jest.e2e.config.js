// End-to-end tests: a real Temporal dev server and a real PostgreSQL (started once by globalSetup),
// the worker and the NestJS API in-process, driven over real HTTP. Serial: they share the servers.
const base = require('./jest.base.config');
/** @type {import('jest').Config} */
module.exports = {
  ...base,
  displayName: 'e2e',
  testMatch: ['<rootDir>/test/e2e/**/*.e2e.test.ts'],
  globalSetup: '<rootDir>/test/e2e/global-setup.ts',
  globalTeardown: '<rootDir>/test/e2e/global-teardown.ts',
  maxWorkers: 1,
  testTimeout: 180000,
};
