#!/usr/bin/env node
// `npm run restore -- FILE`: replaces the databases in FILE (a dump of `npm run backup`) with
// its contents. What they hold now is backed up first (backups/pre-restore-<time>.sql.gz), so
// a restore of the wrong file is undone with another restore. Stop the stack first: a running
// service would write into the half-restored tables. README: "Your data".
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  backupFile,
  databasesInDump,
  dumpDatabases,
  existingDatabases,
  loadDump,
} from './lib/backup.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

try {
  if (!process.argv[2]) throw new Error('usage: npm run restore -- FILE');
  const file = path.resolve(process.argv[2]);
  const names = await databasesInDump(file);
  if (names.length === 0) throw new Error(`${file} is not a dump of npm run backup`);
  const present = await existingDatabases(names);
  if (present.length > 0) {
    const safety = backupFile(root, process.env, 'pre-restore');
    mkdirSync(path.dirname(safety), { recursive: true });
    await dumpDatabases(present, safety);
    process.stdout.write(
      `[restore] what ${present.join(', ')} held is in ${path.relative(process.cwd(), safety)}\n`,
    );
  }
  await loadDump(names, file);
  process.stdout.write(
    `[restore] ${names.join(', ')} restored from ${path.relative(process.cwd(), file)}\n`,
  );
} catch (error) {
  process.stderr.write(`[restore] ${error.message}\n`);
  process.exit(1);
}
