// Workflow tests on Temporal's time-skipping test server, and replay tests of recorded histories.
const base = require('./jest.base.config');
/** @type {import('jest').Config} */
module.exports = {
  ...base,
  displayName: 'workflow',
  testMatch: ['<rootDir>/test/{workflow,replay}/**/*.test.ts'],
  testTimeout: 120000,
};
