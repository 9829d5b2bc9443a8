#!/usr/bin/env node
// `npm run schema:check`: the schema checks CI runs first, with no database, broker or Redis.
// Fails when composition fails, a committed schema file, the hint baseline or the generated
// typed documents are stale, a composition hint is new, an operation of the web app is invalid
// against the API schema, or the API schema breaks the base revision's (see gitBase) without an
// entry in schema/accepted-breaks.json. The checks themselves are in lib/schema/.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkAll, FILES, gitBase, outputPaths, readBaseFile } from './lib/schema/index.mjs';
import { readCommitted, readOperations, readSubgraphs } from './lib/schema-inputs.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const subgraphs = await readSubgraphs(root);
const operations = await readOperations(root);
const committed = await readCommitted(root, [...outputPaths(subgraphs), FILES.acceptedBreaks]);
const rev = gitBase(root);
const base = rev && {
  label: `${rev.how} (${rev.rev.slice(0, 10)})`,
  apiSdl: readBaseFile(root, rev.rev, FILES.api),
};

const { lines, problems } = await checkAll({ subgraphs, operations, committed, base });
for (const line of lines) process.stdout.write(`[schema] ${line}\n`);
for (const problem of problems) process.stderr.write(`[schema] FAIL ${problem}\n`);
process.stdout.write(
  `[schema] ${problems.length === 0 ? 'ok' : `${problems.length} problem(s)`}\n`,
);
process.exit(problems.length === 0 ? 0 : 1);
