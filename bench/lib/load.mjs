// Runs one load in a forked load-worker.mjs pinned to the load core, and measures the CPU time
// the watched processes spent while it ran.
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuSeconds, machineBusySeconds, pin, rssMiB } from './proc.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const CLOSED_LOOP = path.join(here, 'load-worker.mjs');
const OPEN_LOOP = path.join(here, 'open-loop-worker.mjs');

/**
 * Closed loop (autocannon, a fixed number of connections): spec, see load-worker.mjs.
 * options.watch: { name: pid } whose CPU seconds per request are reported ('machine': every core);
 * options.sampleRss: { name: pid } sampled every second for the peak RSS.
 */
export function runLoad(spec, options = {}) {
  return runWorker(CLOSED_LOOP, spec, options);
}

/** Open loop (a fixed arrival schedule, latency from each scheduled start): see open-loop-worker.mjs. */
export function runOpenLoad(spec, options = {}) {
  return runWorker(OPEN_LOOP, spec, options);
}

function runWorker(worker, spec, { config, watch = {}, sampleRss = null } = {}) {
  const child = fork(worker, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  pin(child.pid, config.loadCpu);
  let before = null;
  let startedAt = 0;
  const peaks = {};
  let sampler = null;
  const hardLimitMs = (spec.duration + 120) * 1000;
  return new Promise((resolve, reject) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), hardLimitMs);
    child.on('message', (message) => {
      if (message.started) {
        startedAt = Date.now();
        before = snapshot(watch);
        if (sampleRss) {
          sampler = setInterval(() => {
            for (const [name, pid] of Object.entries(sampleRss)) {
              const rss = rssMiB(pid);
              if (rss !== null) peaks[name] = Math.max(peaks[name] ?? 0, rss);
            }
          }, 1000);
        }
        return;
      }
      clearTimeout(killer);
      if (sampler) clearInterval(sampler);
      if (!message.ok) return reject(new Error(`load worker failed: ${message.error}`));
      const after = snapshot(watch);
      const wallSeconds = (Date.now() - startedAt) / 1000;
      const summary = message.summary;
      summary.cpu = {};
      for (const name of Object.keys(watch)) {
        const used = after[name] - before[name];
        summary.cpu[name] = {
          seconds: Number(used.toFixed(2)),
          utilisation: Number((used / wallSeconds).toFixed(2)),
          msPerRequest:
            summary.requests > 0 ? Number(((used * 1000) / summary.requests).toFixed(3)) : null,
        };
      }
      if (sampleRss) summary.peakRssMiB = peaks;
      resolve(summary);
    });
    child.on('exit', (code) => {
      clearTimeout(killer);
      if (sampler) clearInterval(sampler);
      if (code !== 0) reject(new Error(`load worker exited with ${code}`));
    });
    child.send(spec);
  });
}

function snapshot(watch) {
  return Object.fromEntries(
    Object.entries(watch).map(([name, pid]) => [
      name,
      (pid === 'machine' ? machineBusySeconds() : cpuSeconds(pid)) ?? 0,
    ]),
  );
}

/** A GraphQL POST body as a string, ready for the worker. */
export function body(query, variables = {}) {
  return JSON.stringify({ query, variables });
}
