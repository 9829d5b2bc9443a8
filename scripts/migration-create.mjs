#!/usr/bin/env node
// `npm run migration:create -w subgraphs/<name> -- <what-it-does>`: writes
// src/migrations/Migration<UTC time>_<what_it_does>.ts from a template and lists it in
// src/migrations/index.ts. Write its SQL, then `npm run migration:check` tells whether the
// entities and the migrations agree (and prints the SQL an entity change still needs).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  listedMigrations,
  migrationSlug,
  migrationSource,
  migrationTimestamp,
  registerMigration,
} from './lib/migration-file.mjs';

const dir = path.resolve('src', 'migrations');
const index = path.join(dir, 'index.ts');
const slug = migrationSlug(process.argv.slice(2).join(' '));
if (!existsSync(index) || !slug) {
  process.stderr.write(
    'usage: npm run migration:create -w subgraphs/<members|activity|feed> -- <what-it-does>\n',
  );
  process.exit(2);
}
const source = readFileSync(index, 'utf8');
const className = `Migration${migrationTimestamp(new Date(), listedMigrations(source))}_${slug}`;
const file = path.join(dir, `${className}.ts`);
writeFileSync(file, migrationSource(className, slug), { flag: 'wx' });
writeFileSync(index, registerMigration(source, className));
process.stdout.write(
  `created ${path.relative(process.cwd(), file)} and listed it in src/migrations/index.ts\n`,
);
