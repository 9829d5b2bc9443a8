module.exports = {
  // Global options are not read from project configs when several projects run.
  testTimeout: 60000,
  projects: [
    '<rootDir>/packages/kit',
    '<rootDir>/packages/auth',
    '<rootDir>/packages/events',
    '<rootDir>/subgraphs/members',
    '<rootDir>/subgraphs/activity',
    '<rootDir>/subgraphs/feed',
    '<rootDir>/gateway',
    '<rootDir>/integration',
    '<rootDir>/web',
    '<rootDir>/test',
  ],
};
