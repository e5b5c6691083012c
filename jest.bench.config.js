// Benchmarks (bench/*.bench.ts): timings and query plans at scale, run by hand, never part of npm test.
const base = require('./jest.base.config');
/** @type {import('jest').Config} */
module.exports = {
  ...base,
  displayName: 'bench',
  testMatch: ['<rootDir>/bench/**/*.bench.ts'],
  globalSetup: '<rootDir>/bench/global-setup.ts',
  globalTeardown: '<rootDir>/bench/global-teardown.ts',
  // The 20,000-dossier burst takes 36 minutes on a quiet 2-core machine with its untimed set-up, and over an hour
  // on a busy one: room for that, and the generation of a million dossiers.
  testTimeout: 3 * 3_600_000,
};
