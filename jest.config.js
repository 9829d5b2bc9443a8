module.exports = {
  projects: [
    '<rootDir>/packages/kit',
    '<rootDir>/packages/auth',
    '<rootDir>/subgraphs/members',
    '<rootDir>/subgraphs/activity',
    '<rootDir>/subgraphs/feed',
    '<rootDir>/gateway',
  ],
};
