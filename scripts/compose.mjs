#!/usr/bin/env node
// Writes each subgraph's SDL to schema/<name>.graphql and composes schema/supergraph.graphql
// with @apollo/composition. Run after `npm run build` (it loads the compiled subgraphs).
// `--check` writes nothing and exits 1 when a committed file is stale.
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const check = process.argv.includes('--check');

const builders = {
  members: ['subgraphs/members/dist/schema.js', 'buildMembersSchema'],
  activity: ['subgraphs/activity/dist/schema.js', 'buildActivitySchema'],
  feed: ['subgraphs/feed/dist/schema.js', 'buildFeedSchema'],
};

const { composeSupergraph, DEFAULT_SUBGRAPH_URLS } = require(path.join(root, 'gateway/dist/compose.js'));

const subgraphs = [];
for (const [name, [file, exportName]] of Object.entries(builders)) {
  const { sdl } = await require(path.join(root, file))[exportName]();
  subgraphs.push({ name, url: DEFAULT_SUBGRAPH_URLS[name], sdl: `${sdl.trim()}\n` });
}
const outputs = [
  ...subgraphs.map((s) => [`schema/${s.name}.graphql`, s.sdl]),
  ['schema/supergraph.graphql', composeSupergraph(subgraphs)],
];

let stale = 0;
for (const [file, content] of outputs) {
  const target = path.join(root, file);
  const current = await readFile(target, 'utf8').catch(() => '');
  if (current === content) continue;
  if (check) {
    stale += 1;
    process.stderr.write(`${file} is stale: run \`npm run compose\` and commit it\n`);
  } else {
    await writeFile(target, content);
    process.stdout.write(`wrote ${file}\n`);
  }
}
process.exit(stale ? 1 : 0);
