// Tests across services: they import several workspaces' sources (the gateway, the subgraphs,
// members' test harness), so they live here rather than in any one of them.
module.exports = { preset: '@social/jest-preset', displayName: 'integration' };
