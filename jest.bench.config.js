// Benchmarks (bench/*.bench.ts): timings and query plans at scale, run by hand, never part of npm test.
const base = require('./jest.base.config');
/** @type {import('jest').Config} */
module.exports = {
  ...base,
  displayName: 'bench',
  testMatch: ['<rootDir>/bench/**/*.bench.ts'],
  globalSetup: '<rootDir>/bench/global-setup.ts',
  globalTeardown: '<rootDir>/bench/global-teardown.ts',
  testTimeout: 3_600_000,
};
