// Schema checks on in-memory inputs: composition (supergraph, client-facing API schema, hints),
// the web app's operations against the API schema, typed documents generated from both, and
// breaking changes against a base API schema. `scripts/compose.mjs` writes what `generate`
// returns; `scripts/schema-check.mjs` compares it with the committed files. No I/O here except
// `gitBase`/`readBaseFile`, which read a git repository given to them.

export { findBreakingChanges } from './breaking.mjs';
export { checkAll, generate, outputPaths, schemaFiles, staleFiles } from './check.mjs';
export { compose, formatHints, parseHints } from './compose.mjs';
export { FILES } from './files.mjs';
export { gitBase, readBaseFile } from './git.mjs';
export { validateOperations } from './operations.mjs';
export { generateTypes } from './types.mjs';
