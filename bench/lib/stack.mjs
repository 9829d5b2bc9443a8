// The stack under test: the same preparation as `npm start`, then the services on the bench's
// own ports and databases, the gateway pinned to its core.
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import mysql from 'mysql2/promise';
import {
  build,
  checkServices,
  ensureInstalled,
  ensureKafka,
  log,
} from '../../scripts/lib/prepare.mjs';
import {
  SERVICES,
  opsPortOf,
  startService,
  stopServices,
  waitReady,
} from '../../scripts/lib/services.mjs';
import { DATABASES, PORTS, root, serviceEnv } from './config.mjs';
import { pin } from './proc.mjs';

export const byName = Object.fromEntries(SERVICES.map((service) => [service.name, service]));

export async function prepare(config) {
  await checkServices();
  await ensureInstalled();
  await build();
  let kafkaStartSeconds = null;
  if (!process.env.KAFKA_BROKERS) {
    // A fresh broker each run: its topics and the feed group's offsets belong to this run's databases.
    const { stopKafka } = await import('../../scripts/lib/kafka/index.mjs');
    await stopKafka({ root, dataDir: config.kafkaDataDir });
    await rm(path.join(root, config.kafkaDataDir), { recursive: true, force: true });
  }
  const started = Date.now();
  const kafka = await ensureKafka({
    dataDir: config.kafkaDataDir,
    port: PORTS.kafka,
    controllerPort: PORTS.kafkaController,
  });
  if (!process.env.KAFKA_BROKERS) kafkaStartSeconds = (Date.now() - started) / 1000;
  return { kafka, kafkaStartSeconds };
}

export async function recreateDatabases(config, names = Object.values(DATABASES)) {
  const connection = await mysql.createConnection({ uri: config.mysqlUrl });
  try {
    for (const name of names) await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await connection.end();
  }
}

/** Starts one service of scripts/lib/services.mjs with the bench env; the gateway goes on its core. */
export async function launch(config, stack, name, overrides = {}) {
  const service = byName[name];
  const env = serviceEnv(config, stack.kafka.brokers, overrides);
  const proc = startService(service, env, { quiet: false });
  if (name === 'gateway') pin(proc.child.pid, config.gatewayCpu);
  await waitReady(proc, opsPortOf(service, env), 90_000);
  stack.procs[name] = proc;
  return proc;
}

export async function stop(stack, name) {
  const proc = stack.procs[name];
  if (!proc) return;
  await stopServices([proc]);
  delete stack.procs[name];
}

export async function stopAll(stack) {
  const order = ['gateway', 'feed', 'activity', 'members'];
  for (const name of order) await stop(stack, name);
  for (const extra of stack.extras) await extra.stop().catch(() => {});
}

/**
 * A Node process the bench starts itself (the peer gateways, a profiled gateway), pinned to
 * `cpu`, ready when GET `readyPath` on `readyPort` (default `port`) answers 200.
 */
export async function startNode(
  name,
  args,
  { env, cpu, port, readyPath = '/healthz', readyPort = port, nodeArgs = [] },
) {
  const child = spawn(process.execPath, [...nodeArgs, ...args], {
    cwd: root,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  pin(child.pid, cpu);
  const exited = new Promise((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  let dead = null;
  exited.then((result) => (dead = result));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (dead) throw new Error(`${name} exited during start (${dead.signal ?? dead.code})`);
    if (Date.now() > deadline) throw new Error(`${name} not ready on ${port} after 60 s`);
    try {
      const response = await fetch(`http://127.0.0.1:${readyPort}${readyPath}`, {
        signal: AbortSignal.timeout(2000),
      });
      if (response.status < 500) break;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  log(`${name} ready on ${port} (pid ${child.pid})`);
  return {
    name,
    child,
    pid: child.pid,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
