// Backups of the three databases with the MySQL/MariaDB client tools (mariadb-dump or
// mysqldump, mariadb or mysql): one consistent dump (--single-transaction: a snapshot of every
// InnoDB table at one instant, taken without locking out the running services), gzip'ed.
// Node built-ins only, so it works before `npm ci` and on a machine that only has the tools.
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';

const DB_NAME = /^[A-Za-z0-9_]{1,64}$/;

/** The databases of this stack, by the names the services use (MEMBERS_DB, ...). */
export function databaseNames(env = process.env) {
  const names = [env.MEMBERS_DB ?? 'members', env.ACTIVITY_DB ?? 'activity', env.FEED_DB ?? 'feed'];
  const invalid = names.find((name) => !DB_NAME.test(name));
  if (invalid) throw new Error(`invalid database name: ${invalid}`);
  return names;
}

/** Client arguments for MYSQL_URL; the password goes in MYSQL_PWD, never on a command line. */
export function clientOptions(env = process.env) {
  const url = new URL(env.MYSQL_URL ?? 'mysql://root@127.0.0.1:3306');
  const args = [
    '--protocol=TCP',
    `--host=${url.hostname.replace(/^\[|\]$/g, '')}`,
    `--port=${url.port || 3306}`,
    `--user=${decodeURIComponent(url.username || 'root')}`,
  ];
  const password = decodeURIComponent(url.password);
  return { args, env: { ...env, ...(password ? { MYSQL_PWD: password } : {}) } };
}

function onPath(names, env) {
  for (const name of names) {
    for (const dir of (env.PATH ?? '').split(path.delimiter)) {
      if (dir && existsSync(path.join(dir, name))) return name;
    }
  }
  throw new Error(
    `none of ${names.join(', ')} is installed: \`apt-get install mariadb-client\` (or mysql-client)`,
  );
}

function child(command, args, env, stdio) {
  const proc = spawn(command, args, { env, stdio });
  let stderr = '';
  proc.stderr?.on('data', (chunk) => (stderr += chunk));
  const done = new Promise((resolve, reject) => {
    proc.on('error', reject);
    proc.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} failed: ${stderr.trim() || code}`)),
    );
  });
  return { proc, done };
}

/** The names among `names` that exist on the server. */
export async function existingDatabases(names, env = process.env) {
  const client = clientOptions(env);
  const proc = spawn(
    onPath(['mariadb', 'mysql'], env),
    [...client.args, '-N', '-e', 'SHOW DATABASES'],
    {
      env: client.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  proc.stdout.on('data', (chunk) => (out += chunk));
  proc.stderr.on('data', (chunk) => (err += chunk));
  const code = await new Promise((resolve, reject) => {
    proc.on('error', reject);
    proc.on('exit', resolve);
  });
  if (code !== 0) throw new Error(`cannot list the databases: ${err.trim()}`);
  const present = new Set(out.split('\n').map((line) => line.trim()));
  return names.filter((name) => present.has(name));
}

/** Dumps `names` into `file` (.sql.gz); a failed dump leaves no file behind. */
export async function dumpDatabases(names, file, env = process.env) {
  const client = clientOptions(env);
  const args = [
    ...client.args,
    '--single-transaction',
    '--quick',
    '--routines',
    '--triggers',
    '--hex-blob',
    '--default-character-set=utf8mb4',
    '--databases',
    ...names,
  ];
  const dump = child(onPath(['mariadb-dump', 'mysqldump'], env), args, client.env, [
    'ignore',
    'pipe',
    'pipe',
  ]);
  try {
    await Promise.all([
      pipeline(dump.proc.stdout, createGzip(), createWriteStream(file, { flag: 'wx' })),
      dump.done,
    ]);
  } catch (error) {
    rmSync(file, { force: true });
    throw error;
  }
}

/** Drops `names` and loads `file` (a dump made by dumpDatabases: it creates them again). */
export async function loadDump(names, file, env = process.env) {
  const client = clientOptions(env);
  const tool = onPath(['mariadb', 'mysql'], env);
  const drop = names.map((name) => `DROP DATABASE IF EXISTS \`${name}\`;`).join(' ');
  await child(tool, [...client.args, '-e', drop], client.env, ['ignore', 'ignore', 'pipe']).done;
  const load = child(tool, [...client.args, '--default-character-set=utf8mb4'], client.env, [
    'pipe',
    'ignore',
    'pipe',
  ]);
  const source = createReadStream(file);
  const streams = file.endsWith('.gz') ? [source, createGunzip()] : [source];
  await Promise.all([pipeline(...streams, load.proc.stdin), load.done]);
}

/** The databases a dump creates (its `CREATE DATABASE` lines), read as a stream. */
export async function databasesInDump(file) {
  const source = createReadStream(file);
  const lines = readline.createInterface({
    input: file.endsWith('.gz') ? source.pipe(createGunzip()) : source,
  });
  const names = [];
  for await (const line of lines) {
    const match = /^CREATE DATABASE \/\*!32312 IF NOT EXISTS\*\/ `([^`]+)`/.exec(line);
    if (match) names.push(match[1]);
  }
  return names;
}

/** `backups/social-<UTC time>.sql.gz` under the repository (or BACKUP_DIR). */
export function backupFile(root, env = process.env, label = 'social') {
  const stamp = new Date().toISOString().replace(/[-:]/g, '');
  return path.join(env.BACKUP_DIR ?? path.join(root, 'backups'), `${label}-${stamp}.sql.gz`);
}
