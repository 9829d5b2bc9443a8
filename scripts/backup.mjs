#!/usr/bin/env node
// `npm run backup [-- FILE]`: one consistent, gzip'ed dump of the members, activity and feed
// databases (MYSQL_URL, MEMBERS_DB, ACTIVITY_DB, FEED_DB) into FILE or
// backups/social-<UTC time>.sql.gz. Safe while the stack runs. README: "Your data".
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { backupFile, databaseNames, dumpDatabases, existingDatabases } from './lib/backup.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

try {
  const file = path.resolve(process.argv[2] ?? backupFile(root));
  const wanted = databaseNames();
  const names = await existingDatabases(wanted);
  if (names.length === 0)
    throw new Error(`none of ${wanted.join(', ')} exists: nothing to back up`);
  mkdirSync(path.dirname(file), { recursive: true });
  await dumpDatabases(names, file);
  process.stdout.write(`[backup] ${names.join(', ')} -> ${path.relative(process.cwd(), file)}\n`);
} catch (error) {
  process.stderr.write(`[backup] ${error.message}\n`);
  process.exit(1);
}
