import type { Logger } from 'pino';

export type Closer = () => Promise<unknown> | unknown;

const SHUTDOWN_TIMEOUT_MS = 15_000;

/**
 * Runs the closers in order on SIGINT/SIGTERM (servers first so no new work arrives, then
 * consumers, then connections), then exits. A second signal or a stuck closer forces exit,
 * so an operator is never left waiting on a hung process.
 */
export function onShutdown(logger: Logger, closers: Closer[]): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
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
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

/** Wraps `main()`: logs the failure in one clear line and exits non-zero. */
export function runMain(logger: Logger, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    logger.fatal({ err: error }, error instanceof Error ? error.message : 'startup failed');
    process.exit(1);
  });
}
