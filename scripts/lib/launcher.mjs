// The launcher of `npm start`: starts the built services (scripts/lib/services.mjs), prints one
// progress line per service with its time, and stops everything once on SIGINT or SIGTERM.
//
// Ctrl-C in a terminal (SIGINT to the foreground process group), SIGTERM to this process and
// SIGTERM to its whole group all end here alone: the services run in groups of their own, so
// each gets exactly one SIGTERM, from stopServices(), and drains its in-flight work (the feed
// its chunk, the relay its batch) without a second signal cutting it short. Cleanups (the Kafka
// broker) run after the services have stopped, as they may still be committing to it.
import { SERVICES, opsPortOf, portOf, startService, stopServices, waitReady } from './services.mjs';

const elapsed = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/**
 * @param {{ log: (message: string) => void }} options
 */
export function createLauncher({ log }) {
  const procs = [];
  const cleanups = [];
  let stopping = null;

  const stop = (code) =>
    (stopping ??= (async () => {
      await stopServices([...procs].reverse());
      for (const cleanup of cleanups.reverse()) await cleanup();
      log('stopped');
      process.exit(code);
    })());

  const onSignal = (signal) => {
    if (stopping) {
      log(`${signal} again: already stopping (every service has at most 20 s)`);
      return;
    }
    log(`${signal}: stopping every service`);
    void stop(0);
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));

  const launch = async (service, env, format) => {
    const started = Date.now();
    const proc = startService(service, env, { format });
    procs.push(proc);
    proc.exited.then(({ code, signal }) => {
      if (stopping) return;
      log(`${service.name} exited unexpectedly (${signal ?? code}); stopping the stack`);
      void stop(1);
    });
    await waitReady(proc, opsPortOf(service, env));
    const port = portOf(service, env);
    log(`${service.name} ready on port ${port} in ${elapsed(started)} (pid ${proc.child.pid})`);
  };

  return {
    /** Runs after every service has stopped, in reverse order of registration. */
    onStopped(cleanup) {
      cleanups.push(cleanup);
    },
    stop,
    get stopping() {
      return stopping !== null;
    },
    /** Subgraphs first, in parallel; the gateway last, so its readiness means the whole stack is up. */
    async launchAll(env, { format } = {}) {
      const gateway = SERVICES[SERVICES.length - 1];
      await Promise.all(SERVICES.slice(0, -1).map((service) => launch(service, env, format)));
      await launch(gateway, env, format);
      return portOf(gateway, env);
    },
  };
}
