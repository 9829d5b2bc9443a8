#!/usr/bin/env node
// `node scripts/on-node24.mjs SCRIPT [args]`: runs SCRIPT on Node 24+, fetching the pinned Node 24
// LTS into .cache/node first when the machine's node is older (scripts/lib/node-runtime.mjs).
// The package.json scripts (start, test, bench, kafka, compose) all enter through here.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureNodeRuntime } from './lib/node-runtime.mjs';

try {
  await ensureNodeRuntime();
} catch (error) {
  process.stderr.write(`[node] ${error.message}\n`);
  process.exit(1);
}
const [script, ...args] = process.argv.slice(2);
if (!script) {
  process.stderr.write('usage: node scripts/on-node24.mjs SCRIPT [args]\n');
  process.exit(2);
}
process.argv = [process.argv[0], path.resolve(script), ...args];
await import(pathToFileURL(path.resolve(script)).href);
