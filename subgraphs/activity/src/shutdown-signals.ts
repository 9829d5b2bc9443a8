const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Apollo Server (as kit builds it) installs its own SIGINT/SIGTERM handlers: it stops itself
 * and re-raises the signal, which kills the process before the outbox relay and the ORM close.
 * Until kit passes `stopOnTerminationSignals: false`, main() removes the handlers that
 * appeared while `setUp` ran, so `onShutdown` alone decides the order.
 */
export async function withoutForeignSignalHandlers<T>(setUp: () => Promise<T>): Promise<T> {
  const before = new Map(SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const result = await setUp();
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
  return result;
}
