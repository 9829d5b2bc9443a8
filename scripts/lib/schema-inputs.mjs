// Reads what the schema files are generated from: each subgraph's SDL from its compiled schema
// builder (run `turbo run build` first) and the web app's operation files.
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { FILES } from './schema/index.mjs';

const require = createRequire(import.meta.url);

const builders = {
  members: ['subgraphs/members/dist/schema.js', 'buildMembersSchema'],
  activity: ['subgraphs/activity/dist/schema.js', 'buildActivitySchema'],
  feed: ['subgraphs/feed/dist/schema.js', 'buildFeedSchema'],
};

export async function readSubgraphs(root) {
  const { DEFAULT_SUBGRAPH_URLS } = require(path.join(root, 'gateway/dist/compose.js'));
  const subgraphs = [];
  for (const [name, [file, exportName]] of Object.entries(builders)) {
    const { sdl } = await require(path.join(root, file))[exportName]();
    subgraphs.push({ name, url: DEFAULT_SUBGRAPH_URLS[name], sdl: `${sdl.trim()}\n` });
  }
  return subgraphs;
}

export async function readOperations(root) {
  const dir = path.join(root, FILES.operationsDir);
  const names = (await readdir(dir)).filter((name) => name.endsWith('.graphql')).sort();
  return Promise.all(
    names.map(async (name) => ({
      file: `${FILES.operationsDir}/${name}`,
      source: await readFile(path.join(dir, name), 'utf8'),
    })),
  );
}

/** The committed content of each path (null when missing). */
export async function readCommitted(root, files) {
  const entries = await Promise.all(
    files.map(async (file) => [
      file,
      await readFile(path.join(root, file), 'utf8').catch(() => null),
    ]),
  );
  return Object.fromEntries(entries);
}
