// Developer tools that run on the test servers but are not tests (e.g. recording replay histories).
const base = require('./jest.base.config');
/** @type {import('jest').Config} */
module.exports = { ...base, displayName: 'tools', testMatch: ['<rootDir>/test/**/*.tool.ts'], testTimeout: 120000 };
