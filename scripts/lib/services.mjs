// Starts the compiled services as child processes, waits for their /readyz (on each one's
// operations port), and stops them.
// Node built-ins only.
import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { root } from './prepare.mjs';

export const SERVICES = [
  {
    name: 'members',
    entry: 'subgraphs/members/dist/index.js',
    portVar: 'MEMBERS_PORT',
    port: 4001,
    opsPortVar: 'MEMBERS_OPS_PORT',
    opsPort: 4101,
  },
  {
    name: 'activity',
    entry: 'subgraphs/activity/dist/index.js',
    portVar: 'ACTIVITY_PORT',
    port: 4002,
    opsPortVar: 'ACTIVITY_OPS_PORT',
    opsPort: 4102,
  },
  {
    name: 'feed',
    entry: 'subgraphs/feed/dist/index.js',
    portVar: 'FEED_PORT',
    port: 4003,
    opsPortVar: 'FEED_OPS_PORT',
    opsPort: 4103,
  },
  {
    name: 'gateway',
    entry: 'gateway/dist/index.js',
    portVar: 'GATEWAY_PORT',
    port: 4000,
    opsPortVar: 'GATEWAY_OPS_PORT',
    opsPort: 4100,
  },
];

export function portOf(service, env = process.env) {
  return Number(env[service.portVar] ?? service.port);
}

/** The operations port, where /readyz and /metrics are (the defaults are the services' env.ts). */
export function opsPortOf(service, env = process.env) {
  return Number(env[service.opsPortVar] ?? service.opsPort);
}

/**
 * Spawns one service; its log lines are echoed with a name prefix unless `quiet`, through
 * `format` when given (the launcher's pretty printing in development).
 *
 * Each service runs in a process group of its own, so a terminal's Ctrl-C (SIGINT to the
 * foreground group) or a SIGTERM to the launcher's group reaches the launcher alone, and the
 * service gets exactly one SIGTERM, from stopServices(): a second signal mid-drain would cut
 * its in-flight batch short. The IPC channel is the other half: should the launcher die
 * without stopping it (SIGKILL), the channel closes and the service stops itself (the kit's
 * onShutdown), so no service outlives its launcher.
 */
export function startService(service, env, { quiet = false, format = (line) => line } = {}) {
  const child = spawn(process.execPath, [path.join(root, service.entry)], {
    cwd: root,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const echo = (stream, sink) =>
    readline.createInterface({ input: stream }).on('line', (line) => {
      if (!quiet) sink.write(`[${service.name}] ${format(line)}\n`);
    });
  echo(child.stdout, process.stdout);
  echo(child.stderr, process.stderr);
  const exited = new Promise((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { service, child, exited };
}

/** Polls /readyz on the operations port `port` until 200, failing early when the process dies. */
export async function waitReady(proc, port, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let dead = null;
  proc.exited.then((result) => (dead = result));
  while (Date.now() < deadline) {
    if (dead)
      throw new Error(`${proc.service.name} exited during start (${dead.signal ?? dead.code})`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/readyz`, {
        signal: AbortSignal.timeout(2000),
      });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`${proc.service.name} was not ready on port ${port} after ${timeoutMs / 1000} s`);
}

/** SIGTERM every child (they drain and close), then SIGKILL what is still there after 20 s. */
export async function stopServices(procs) {
  await Promise.all(
    procs.map(async (proc) => {
      if (proc.child.exitCode !== null || proc.child.signalCode !== null) return;
      proc.child.kill('SIGTERM');
      const timer = setTimeout(() => proc.child.kill('SIGKILL'), 20_000);
      await proc.exited;
      clearTimeout(timer);
    }),
  );
}
