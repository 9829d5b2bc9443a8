module.exports = { preset: '@social/jest-preset', displayName: 'repo', rootDir: __dirname, testMatch: ['<rootDir>/*.test.ts'] };
