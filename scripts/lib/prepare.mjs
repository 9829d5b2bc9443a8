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
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  log('installing dependencies (npm ci)');
  await run('npm', ['ci', '--no-audit', '--no-fund']);
}

export async function build() {
  log('building');
  await run('npx', ['turbo', 'run', 'build', '--output-logs=errors-only'], {
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', TURBO_NO_UPDATE_NOTIFIER: '1' },
  });
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

/** Starts the project's own Kafka broker unless KAFKA_BROKERS points at one. */
export async function ensureKafka({ dataDir, port, controllerPort }) {
  if (process.env.KAFKA_BROKERS) {
    log(`using Kafka at ${process.env.KAFKA_BROKERS}`);
    return { brokers: process.env.KAFKA_BROKERS, stop: async () => {} };
  }
  const { ensureKafkaJars, startKafka } = await import('./kafka/index.mjs');
  await ensureKafkaJars({ root, log });
  const started = Date.now();
  const broker = await startKafka({
    root,
    dataDir: path.join(root, dataDir),
    port,
    controllerPort,
    log,
  });
  log(`Kafka broker ready at ${broker.brokers} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return broker;
}
