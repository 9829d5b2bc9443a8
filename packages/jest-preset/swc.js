// The SWC options every TypeScript transform in the project uses: jest (through the preset),
// child processes that run sources without a build (subgraphs/feed/test/fixtures/swc-register.js)
// and the configs that also transpile script modules.

/** TypeScript with legacy decorators and decorator metadata (type-graphql and MikroORM read it). */
const typescript = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

/** ES modules (ESM-only packages, the scripts' .mjs files) turned into CommonJS for jest. */
const javascript = {
  jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022', keepClassNames: true },
  module: { type: 'commonjs' },
};

/** A jest `transform` entry running @swc/jest with the given options. */
function swcJest(options) {
  return [require.resolve('@swc/jest'), options];
}

module.exports = { typescript, javascript, swcJest };
