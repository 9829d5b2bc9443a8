#!/usr/bin/env node
// `npm run migration:check`: for each subgraph, every file in src/migrations is listed in its
// index.ts (in order), and a database migrated from nothing matches the MikroORM entities;
// otherwise it prints what disagrees (with the SQL the entities still need) and fails. Runs
// the compiled services (the npm script builds them first) against MYSQL_URL, in throwaway
// databases it drops again. One of `npm test`'s static checks (README: Changing the database).
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
// The kit first: it loads reflect-metadata, which the entities' decorators need.
const { checkMigrations } = require('@social/kit/orm');
const pino = require('pino');

const mysqlUrl = process.env.MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
let failed = 0;
for (const service of ['members', 'activity', 'feed']) {
  const dir = path.join(root, 'subgraphs', service);
  const { entities } = require(path.join(dir, 'dist', 'entities.js'));
  const { migrations } = require(path.join(dir, 'dist', 'migrations', 'index.js'));
  const problems = await checkMigrations({
    service,
    mysqlUrl,
    migrationsDir: path.join(dir, 'src', 'migrations'),
    entities,
    migrations,
    logger: pino({ level: 'silent' }),
  });
  if (problems.length === 0) {
    process.stdout.write(
      `[migrations] ${service}: ${migrations.length} migrations, entities agree\n`,
    );
  } else {
    failed += 1;
    for (const problem of problems) process.stderr.write(`[migrations] ${service}: ${problem}\n`);
  }
}
if (failed > 0) {
  process.stderr.write(
    '[migrations] fix: `npm run migration:create -w subgraphs/<name> -- <what-it-does>`, then write its SQL (README: Changing the database)\n',
  );
}
process.exit(failed > 0 ? 1 : 0);
