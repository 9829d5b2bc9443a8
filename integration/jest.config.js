// Tests across services: they import several workspaces' sources (the gateway, the subgraphs,
// members' test harness), so they live here rather than in any one of them. The supergraph test
// composes with the script module `npm run compose` uses (.mjs), so that is transpiled too.
const preset = require('@social/jest-preset');
const { javascript, swcJest } = require('@social/jest-preset/swc');

module.exports = {
  preset: '@social/jest-preset',
  displayName: 'integration',
  rootDir: __dirname,
  transform: { ...preset.transform, '^.+\\.mjs$': swcJest(javascript) },
};
