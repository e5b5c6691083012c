// Unit tests: pure logic beside the code (*.spec.ts), no servers.
const base = require('./jest.base.config');
/** @type {import('jest').Config} */
module.exports = {
  ...base,
  displayName: 'unit',
  testMatch: ['<rootDir>/{libs,apps,activities,workflows,test/unit}/**/*.spec.ts'],
};
