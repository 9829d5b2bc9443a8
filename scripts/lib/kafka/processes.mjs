// Processes: spawning, recognising and stopping the broker JVM.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { HOST, noop } from './constants.mjs';
import { brokerPaths, classpath, readText } from './paths.mjs';
import { javaBin } from './tools.mjs';

const STOP_GRACE_MS = 20_000;

export function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

function commandLine(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    // No procfs (macOS): ps works everywhere; -ww keeps long classpaths from being cut.
    const res = spawnSync('ps', ['-ww', '-o', 'command=', '-p', String(pid)], { encoding: 'utf8' });
    return res.status === 0 ? res.stdout : '';
  }
}

// Pid files outlive reboots and pids get reused, so only a java running kafka.Kafka with this
// very properties file counts as ours.
function isOurBroker(pid, propsPath) {
  const cmd = commandLine(pid);
  return /\bjava\b/.test(cmd) && cmd.includes('kafka.Kafka') && cmd.includes(propsPath);
}

export function portFromProperties(propsPath) {
  const props = readText(propsPath);
  const port = props && /^advertised\.listeners=PLAINTEXT:\/\/[^:\s]+:(\d+)/m.exec(props)?.[1];
  return port ? Number(port) : null;
}

function readPid(pidFile) {
  const pid = Number(readText(pidFile));
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

async function waitUntilDead(pid, ms) {
  const deadline = Date.now() + ms;
  while (isAlive(pid)) {
    if (Date.now() >= deadline) return false;
    await sleep(100);
  }
  return true;
}

function signal(pid, sig) {
  try {
    process.kill(pid, sig);
  } catch (err) {
    if (err.code !== 'ESRCH') throw err;
  }
}

// SIGTERM lets Kafka flush and close its logs (a clean shutdown makes the next start skip log
// recovery); SIGKILL only if it hangs. `waitExit(ms)` resolves true once the process is gone.
async function terminate(pid, waitExit) {
  signal(pid, 'SIGTERM');
  if (await waitExit(STOP_GRACE_MS)) return;
  signal(pid, 'SIGKILL');
  if (!(await waitExit(5_000)))
    throw new Error(`Kafka broker (pid ${pid}) did not exit after SIGKILL`);
}

/** The pid recorded in `paths.pid` when that process is alive and is our broker, else null. */
export function runningBrokerPid(paths) {
  const pid = readPid(paths.pid);
  return pid !== null && isAlive(pid) && isOurBroker(pid, paths.props) ? pid : null;
}

async function removePidFile(pidFile, pid) {
  if (readPid(pidFile) === pid) await fsp.rm(pidFile, { force: true });
}

/**
 * Stops a broker that startKafka() left running in `dataDir` (e.g. its Node parent was killed).
 * @param {{ root?: string, dataDir: string, log?: (message: string) => void }} options
 * @returns {Promise<boolean>} whether a broker was running
 */
export async function stopKafka({ root = '.', dataDir, log = noop }) {
  const paths = brokerPaths(path.resolve(root, dataDir));
  const pid = runningBrokerPid(paths);
  const running = pid !== null;
  if (running) {
    log(`stopping Kafka broker left running by an earlier run (pid ${pid})`);
    await terminate(pid, (ms) => waitUntilDead(pid, ms));
  }
  await fsp.rm(paths.pid, { force: true });
  return running;
}

export function assertPortFree(port, role) {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (err) => {
      if (err.code !== 'EADDRINUSE') return reject(err);
      reject(
        new Error(
          `Cannot start Kafka: ${HOST}:${port} (${role} port) is already in use by another process (see \`lsof -i :${port}\`); stop it or pick another port.`,
        ),
      );
    });
    server.listen({ host: HOST, port, exclusive: true }, () => server.close(() => resolve()));
  });
}

export function spawnBroker({ install, paths, heapMb, fd, detached = false }) {
  const args = [
    `-Xmx${heapMb}m`,
    `-Xms${Math.ceil(heapMb / 2)}m`,
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${install.log4j}`,
    '-cp',
    classpath(install.libDir),
    'kafka.Kafka',
    paths.props,
  ];
  return spawn(javaBin(), args, { cwd: paths.dataDir, stdio: ['ignore', fd, fd], detached });
}

// Wraps the child so callers get one promise for "it is gone" (exit or spawn error) and an
// idempotent stop().
export function superviseBroker(child, paths) {
  const exited = new Promise((resolve) => {
    child.once('exit', (code, sig) => resolve({ code, signal: sig }));
    child.once('error', (err) => resolve({ code: null, signal: null, error: err }));
  });
  let gone = false;
  exited.then(() => (gone = true));
  // Unref'd: a pending 20 s grace timer must not keep the caller's process alive after exit.
  const waitExit = (ms) =>
    Promise.race([exited.then(() => true), sleep(ms, false, { ref: false })]);
  let stopping = null;
  const stop = () =>
    (stopping ??= (async () => {
      if (!gone && child.pid) await terminate(child.pid, waitExit);
      if (child.pid) await removePidFile(paths.pid, child.pid);
    })());
  return { exited, stop };
}

export function describeExit({ code, signal: sig, error }) {
  if (error) return error.message;
  return sig ? `killed by ${sig}` : `exit code ${code}`;
}
