// End-to-end tests: the real stack as child processes, driven through Debian's Chromium.
const preset = require('@social/jest-preset');
const { javascript, swcJest } = require('@social/jest-preset/swc');

module.exports = {
  preset: '@social/jest-preset',
  displayName: 'web-e2e',
  rootDir: __dirname,
  testMatch: ['<rootDir>/e2e/**/*.test.ts'],
  // Jest runs tests as CommonJS without native ESM, so the stack scripts (.mjs) are transpiled too.
  transform: {
    ...preset.transform,
    '^.+\\.mjs$': swcJest(javascript),
  },
  transformIgnorePatterns: preset.transformIgnorePatterns,
  testTimeout: 240_000,
};
