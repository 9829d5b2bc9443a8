const preset = require('@social/jest-preset');
const { javascript, swcJest } = require('@social/jest-preset/swc');

module.exports = {
  preset: '@social/jest-preset',
  displayName: 'repo',
  rootDir: __dirname,
  testMatch: ['<rootDir>/*.test.ts'],
  // The schema checks are a script module (.mjs), and GraphQL Code Generator requires packages
  // that are ESM only (auto-bind, change-case), as the kit does (the preset's list): jest runs
  // CommonJS, so all of them are transpiled.
  transform: { ...preset.transform, '^.+\\.m?js$': swcJest(javascript) },
  transformIgnorePatterns: [
    '/node_modules/(?!(@mikro-orm|kysely|cookie|auto-bind|change-case|change-case-all)/)',
  ],
};
