// Browser tests: the built web app (dist/web, so `npm run build` first) served by the real API, with the
// real worker, Temporal dev server and PostgreSQL (the e2e global setup), driven by Debian's Chromium
// through playwright-core. Serial: one stack, one browser.
const base = require('./jest.base.config');
/** @type {import('jest').Config} */
module.exports = {
  ...base,
  displayName: 'browser',
  testMatch: ['<rootDir>/test/browser/**/*.browser.test.ts'],
  globalSetup: '<rootDir>/test/e2e/global-setup.ts',
  globalTeardown: '<rootDir>/test/e2e/global-teardown.ts',
  maxWorkers: 1,
  testTimeout: 300000,
};
