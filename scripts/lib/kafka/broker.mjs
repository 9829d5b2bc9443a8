// Start / status: the long-running broker and the question whether it serves.

import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { HOST, NODE_ID, noop } from './constants.mjs';
import { ensureKafkaJars } from './jars.mjs';
import { brokerPaths, installPaths } from './paths.mjs';
import {
  assertPortFree,
  describeExit,
  portFromProperties,
  runningBrokerPid,
  spawnBroker,
  stopKafka,
  superviseBroker,
} from './processes.mjs';
import { probeKafka } from './protocol.mjs';
import { formatStorage, serverProperties } from './storage.mjs';
import { requireJava, tailFile } from './tools.mjs';

const POLL_MS = 200;

async function probeReady(port) {
  try {
    const { brokers } = await probeKafka({ port, timeoutMs: 1_000 });
    return brokers.some((b) => b.nodeId === NODE_ID)
      ? null
      : `metadata does not list broker ${NODE_ID} yet`;
  } catch (err) {
    return err.message;
  }
}

function startupError(what, paths) {
  return new Error(`${what}. Last lines of ${paths.log}:\n${tailFile(paths.log)}`);
}

// Races every probe and pause against the child's exit so a crash is reported at once instead
// of after the full timeout.
async function waitUntilReady({ exited, port, timeoutMs, paths }) {
  const deadline = Date.now() + timeoutMs;
  const died = exited.then((info) => ({ died: info }));
  const diedError = (info) =>
    startupError(`Kafka broker exited during startup (${describeExit(info)})`, paths);
  for (;;) {
    const outcome = await Promise.race([probeReady(port).then((error) => ({ error })), died]);
    if (outcome.died) throw diedError(outcome.died);
    if (outcome.error === null) return;
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      const what = `Kafka broker not ready on ${HOST}:${port} after ${timeoutMs} ms (last probe: ${outcome.error})`;
      throw startupError(what, paths);
    }
    const paused = await Promise.race([sleep(Math.min(POLL_MS, remaining)), died]);
    if (paused?.died) throw diedError(paused.died);
  }
}

// Everything up to, but excluding, the long-running broker: clears leftovers, checks ports,
// writes the config and formats storage (first run only).
async function prepareBroker({ install, paths, port, controllerPort, log }) {
  await fsp.mkdir(paths.logs, { recursive: true });
  await stopKafka({ dataDir: paths.dataDir, log });
  await assertPortFree(port, 'broker');
  await assertPortFree(controllerPort, 'controller');
  await fsp.writeFile(paths.props, serverProperties({ port, controllerPort, logsDir: paths.logs }));
  // One log per start: the tail we print on failure is then always about this attempt.
  const fd = fs.openSync(paths.log, 'w');
  try {
    await formatStorage({ install, paths, fd });
  } catch (err) {
    fs.closeSync(fd);
    throw err;
  }
  return fd;
}

/**
 * Formats (first time only) and starts a single-node KRaft broker, resolving once it serves
 * metadata. A relative `dataDir` is resolved against `root` (also in stopKafka and
 * kafkaStatus). Stop it with the returned stop(); a broker left behind by a killed parent is stopped
 * by the next startKafka()/stopKafka() on the same dataDir.
 * @param {{ root: string, dataDir: string, port?: number, controllerPort?: number,
 *   heapMb?: number, timeoutMs?: number, log?: (message: string) => void,
 *   detached?: boolean }} options (detached: a process group of its own, out of reach of the
 *   terminal's Ctrl-C, for a caller that stops it itself after its clients)
 * @returns {Promise<{ brokers: string, pid: number, logFile: string,
 *   exited: Promise<{ code: number|null, signal: string|null, error?: Error }>,
 *   stop: () => Promise<void> }>}
 */
export async function startKafka({
  root,
  dataDir,
  port = 9092,
  controllerPort = 9093,
  heapMb = 512,
  timeoutMs = 60_000,
  log = noop,
  detached = false,
}) {
  requireJava();
  const { libDir } = await ensureKafkaJars({ root, log });
  const install = { ...installPaths(root), libDir };
  const paths = brokerPaths(path.resolve(root, dataDir));
  const fd = await prepareBroker({ install, paths, port, controllerPort, log });
  let child;
  try {
    child = spawnBroker({ install, paths, heapMb, fd, detached });
  } finally {
    fs.closeSync(fd); // the child holds its own copy
  }
  const { exited, stop } = superviseBroker(child, paths);
  if (child.pid) await fsp.writeFile(paths.pid, `${child.pid}\n`);
  log(`starting Kafka broker (pid ${child.pid}) on ${HOST}:${port}, log: ${paths.log}`);
  try {
    await waitUntilReady({ exited, port, timeoutMs, paths });
  } catch (err) {
    await stop();
    throw err;
  }
  return { brokers: `${HOST}:${port}`, pid: child.pid, logFile: paths.log, exited, stop };
}

/**
 * Reports on the broker recorded in `dataDir` (pid file) and whether its port answers; `port`
 * defaults to the one in the server.properties last written there.
 * @param {{ root?: string, dataDir: string, port?: number }} options
 * @returns {Promise<{ pid: number|null, running: boolean, ready: boolean, brokers: string,
 *   error: string|null }>}
 */
export async function kafkaStatus({ root = '.', dataDir, port }) {
  const paths = brokerPaths(path.resolve(root, dataDir));
  port ??= portFromProperties(paths.props) ?? 9092;
  const pid = runningBrokerPid(paths);
  const error = await probeReady(port);
  return {
    pid,
    running: pid !== null,
    ready: error === null,
    brokers: `${HOST}:${port}`,
    error,
  };
}
