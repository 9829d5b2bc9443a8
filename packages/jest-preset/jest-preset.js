// One preset for every workspace: SWC transpiles TypeScript with legacy decorators and
// decorator metadata (type-graphql and MikroORM read it), and workspace packages map to
// their sources so tests never depend on a stale build.
const path = require('node:path');
const { javascript, swcJest, typescript } = require('./swc');

const root = path.resolve(__dirname, '..', '..');

module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts', '<rootDir>/src/**/*.test.ts'],
  transform: {
    '^.+\\.ts$': swcJest(typescript),
    // MikroORM 7, its query builder kysely and cookie 2 ship ESM only. Node 24 can require()
    // them, but jest's CommonJS runtime cannot, so SWC turns just those packages into CommonJS.
    // The OTLP exporter's transport loads node:http with a dynamic import(), which jest's
    // runtime refuses without --experimental-vm-modules: SWC makes it a require() too.
    '/node_modules/(@mikro-orm|kysely|cookie|@opentelemetry/otlp-exporter-base)/.+\\.js$':
      swcJest(javascript),
  },
  // A package may sit in another's node_modules (the exporter's own otlp-exporter-base).
  transformIgnorePatterns: [
    '/node_modules/(?!(@mikro-orm|kysely|cookie|@opentelemetry/exporter-trace-otlp-http|@opentelemetry/otlp-exporter-base)/)',
  ],
  moduleNameMapper: {
    '^@social/kit/(orm|kafka|federation)$': `${root}/packages/kit/src/$1.ts`,
    '^@social/kit/outbox$': `${root}/packages/kit/src/outbox/index.ts`,
    '^@social/(kit|auth|events|testkit)$': `${root}/packages/$1/src/index.ts`,
  },
  setupFiles: [require.resolve('reflect-metadata')],
  testTimeout: 60000,
};
