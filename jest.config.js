module.exports = {
  projects: [
    '<rootDir>/packages/kit',
    '<rootDir>/packages/auth',
    '<rootDir>/packages/events',
    '<rootDir>/subgraphs/members',
    '<rootDir>/subgraphs/activity',
    '<rootDir>/subgraphs/feed',
    '<rootDir>/gateway',
    '<rootDir>/test',
  ],
};
