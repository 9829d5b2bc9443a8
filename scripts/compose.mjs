#!/usr/bin/env node
// Writes each subgraph's SDL to schema/<name>.graphql, composes schema/supergraph.graphql with
// @apollo/composition, and derives from it the client-facing schema/api.graphql, the hint
// baseline schema/composition-hints.txt and the web app's typed documents
// (web/src/graphql/generated.ts). Run after `npm run build` (it loads the compiled subgraphs).
// `npm run schema:check` verifies all of it without writing.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './lib/schema/index.mjs';
import { readCommitted, readOperations, readSubgraphs } from './lib/schema-inputs.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const subgraphs = await readSubgraphs(root);
const operations = await readOperations(root);
// Composition errors and invalid operations are the developer's to fix: the message, no stack.
const { files, hints } = await generate({ subgraphs, operations }).catch((error) => {
  process.stderr.write(`${error.message}\nnothing written\n`);
  process.exit(1);
});
for (const hint of hints) process.stdout.write(`composition hint: ${hint}\n`);
const committed = await readCommitted(root, Object.keys(files));
for (const [file, content] of Object.entries(files)) {
  if (committed[file] === content) continue;
  await writeFile(path.join(root, file), content);
  process.stdout.write(`wrote ${file}\n`);
}
