// Preparation shared by `npm start`, `npm test` and the bench: Node built-ins only, because it
// runs before dependencies are installed.
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function log(message) {
  process.stdout.write(`[stack] ${message}\n`);
}

const startedAt = Date.now();
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/**
 * One step of the preparation with its progress lines: what starts (a first run spends minutes
 * in `npm ci`, the build and Maven, which must not look like a hang), then its own time and the
 * time since the command started. `run` may return a short note for the second line.
 */
export async function step(label, run) {
  const started = Date.now();
  log(`${label} ...`);
  const note = await run();
  const now = Date.now();
  const detail = typeof note === 'string' && note ? `: ${note}` : '';
  log(`${label} done in ${seconds(now - started)}${detail} (${seconds(now - startedAt)} so far)`);
  return note;
}

/** Runs a command with inherited output; rejects with its exit code. */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', ...options });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0
        ? resolve()
        : reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? code})`)),
    );
  });
}

/** `npm ci` when node_modules is missing or older than the lockfile. */
export async function ensureInstalled() {
  const marker = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) {
    return 'node_modules is up to date';
  }
  log('npm ci: the first run downloads every dependency (a few minutes)');
  await run('npm', ['ci', '--no-audit', '--no-fund']);
  return 'npm ci';
}

export async function build() {
  // --output-logs=errors-only keeps turbo quiet unless a package fails; the step lines say
  // what is happening meanwhile.
  await run('npx', ['turbo', 'run', 'build', '--output-logs=errors-only'], {
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', TURBO_NO_UPDATE_NOTIFIER: '1' },
  });
  return 'TypeScript and the web app (turbo, cached between runs)';
}

function tcpCheck(host, port, timeoutMs = 2000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

const FIXES = {
  MYSQL_URL:
    'start it (e.g. `start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd`) or set MYSQL_URL',
  REDIS_URL:
    'start it (e.g. `redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no`) or set REDIS_URL',
};

/** One clear line per unreachable server, with the fix, instead of a stack trace later. */
export async function checkServices(env = process.env) {
  const targets = [
    ['MariaDB/MySQL', 'MYSQL_URL', env.MYSQL_URL ?? 'mysql://root@127.0.0.1:3306', 3306],
    ['Redis', 'REDIS_URL', env.REDIS_URL ?? 'redis://127.0.0.1:6379', 6379],
  ];
  const problems = [];
  for (const [label, variable, url, defaultPort] of targets) {
    const parsed = new URL(url);
    const host = parsed.hostname.replace(/^\[|\]$/g, '');
    const port = Number(parsed.port || defaultPort);
    if (!(await tcpCheck(host, port))) {
      problems.push(
        `${label} is not reachable at ${host}:${port} (${variable}): ${FIXES[variable]}`,
      );
    }
  }
  if (problems.length > 0) {
    throw new Error(problems.join('\n'));
  }
}

/**
 * Starts the project's own Kafka broker unless KAFKA_BROKERS points at one, in two steps: the
 * jars (Maven, minutes on a first run, then cached in .cache/kafka) and the broker (formatting
 * its KRaft storage on a first run). The broker gets a process group of its own, like the
 * services, so Ctrl-C does not stop it under a service that is still committing to it.
 */
export async function ensureKafka({ dataDir, port, controllerPort }) {
  if (process.env.KAFKA_BROKERS) {
    log(`using Kafka at ${process.env.KAFKA_BROKERS}`);
    return { brokers: process.env.KAFKA_BROKERS, stop: async () => {} };
  }
  const { ensureKafkaJars, startKafka } = await import('./kafka/index.mjs');
  await step('Kafka jars', async () => {
    await ensureKafkaJars({ root, log });
    return 'in .cache/kafka';
  });
  const dir = path.join(root, dataDir);
  const fresh = !existsSync(path.join(dir, 'logs', 'meta.properties'));
  let broker;
  await step(`Kafka broker${fresh ? ' (first run: formatting its storage)' : ''}`, async () => {
    broker = await startKafka({ root, dataDir: dir, port, controllerPort, log, detached: true });
    return `at ${broker.brokers}, data in ${path.relative(root, dir)}`;
  });
  return broker;
}

/**
 * Creates the three databases when missing and says which ones are new (each service then
 * applies its migrations, logging them). Runs after `npm ci`, so mysql2 is there.
 */
export async function ensureDatabases(env = process.env) {
  const { createConnection } = await import('mysql2/promise');
  const names = [env.MEMBERS_DB ?? 'members', env.ACTIVITY_DB ?? 'activity', env.FEED_DB ?? 'feed'];
  const invalid = names.find((name) => !/^[A-Za-z0-9_]{1,64}$/.test(name));
  if (invalid) throw new Error(`invalid database name: ${invalid}`);
  const connection = await createConnection({
    uri: env.MYSQL_URL ?? 'mysql://root@127.0.0.1:3306',
  });
  try {
    const [rows] = await connection.query(
      'SELECT schema_name AS name FROM information_schema.schemata WHERE schema_name IN (?)',
      [names],
    );
    const existing = new Set(rows.map((row) => row.name));
    const created = names.filter((name) => !existing.has(name));
    for (const name of created) {
      await connection.query(
        `CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
      );
    }
    return created.length > 0
      ? `created ${created.join(', ')}; the services apply their migrations`
      : `${names.join(', ')} exist; the services apply any new migrations`;
  } finally {
    await connection.end();
  }
}
