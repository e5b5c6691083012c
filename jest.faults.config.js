// Fault tests: real processes (PostgreSQL, Temporal dev server, worker, API from dist/) killed and
// restarted. Serial and bounded in time; npm test builds before running them.
const base = require('./jest.base.config');
/** @type {import('jest').Config} */
module.exports = {
  ...base,
  displayName: 'faults',
  testMatch: ['<rootDir>/test/faults/**/*.fault.test.ts'],
  maxWorkers: 1,
  testTimeout: 300000,
};
