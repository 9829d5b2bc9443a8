module.exports = { preset: '@social/jest-preset', displayName: 'feed' };
