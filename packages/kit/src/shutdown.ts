import type { Logger } from 'pino';

export type Closer = () => Promise<unknown> | unknown;

/** Below the launcher's 20 s before SIGKILL (scripts/lib/services.mjs), above a batch's drain. */
export const SHUTDOWN_TIMEOUT_MS = 15_000;

/**
 * Runs the closers in order on SIGINT/SIGTERM (servers first so no new work arrives, then
 * consumers, then connections), then exits. A repeated signal changes nothing: the drain in
 * progress (the feed's chunk, the relay's batch) finishes, and a stuck closer still ends in an
 * exit after SHUTDOWN_TIMEOUT_MS, so an operator is never left waiting on a hung process.
 * Started by the launcher (an IPC channel, see scripts/lib/services.mjs), the process also stops
 * when that channel closes: the launcher died without stopping it.
 */
export function onShutdown(logger: Logger, closers: Closer[]): void {
  let stopping = false;
  const stop = async (reason: string) => {
    if (stopping) {
      logger.info({ signal: reason }, 'already stopping: the drain in progress goes on');
      return;
    }
    stopping = true;
    logger.info({ signal: reason }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown took too long: exiting');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    force.unref();
    let code = 0;
    for (const close of closers) {
      try {
        await close();
      } catch (error) {
        code = 1;
        logger.error({ err: error }, 'error during shutdown');
      }
    }
    logger.info('stopped');
    process.exit(code);
  };
  // `on`, not `once`: a repeated signal must reach `stop`, not Node's default (exit at once).
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  if (process.channel) process.once('disconnect', () => void stop('launcher gone'));
}

/** Wraps `main()`: logs the failure in one clear line and exits non-zero. */
export function runMain(logger: Logger, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    logger.fatal({ err: error }, error instanceof Error ? error.message : 'startup failed');
    process.exit(1);
  });
}
