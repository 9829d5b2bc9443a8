const preset = require('@social/jest-preset');

const toCommonJs = [
  require.resolve('@swc/jest'),
  { jsc: { target: 'es2022' }, module: { type: 'commonjs' } },
];

module.exports = {
  preset: '@social/jest-preset',
  displayName: 'repo',
  rootDir: __dirname,
  testMatch: ['<rootDir>/*.test.ts'],
  // The schema checks are a script module (.mjs), and GraphQL Code Generator requires packages
  // that are ESM only (auto-bind, change-case): jest runs CommonJS, so both are transpiled.
  transform: { ...preset.transform, '^.+\\.m?js$': toCommonJs },
  transformIgnorePatterns: ['/node_modules/(?!(auto-bind|change-case|change-case-all)/)'],
};
