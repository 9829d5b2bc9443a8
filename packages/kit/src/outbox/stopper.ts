export interface Stopper {
  readonly stopped: boolean;
  stop(): void;
  sleep(ms: number): Promise<void>;
}

/** A stop flag with sleeps that end early when stop() is called, so shutdown never waits a backoff out. */
export function createStopper(): Stopper {
  let stopped = false;
  const sleepers = new Set<() => void>();
  return {
    get stopped() {
      return stopped;
    },
    stop() {
      stopped = true;
      for (const wake of sleepers) wake();
      sleepers.clear();
    },
    sleep(ms: number): Promise<void> {
      if (stopped) return Promise.resolve();
      return new Promise((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          sleepers.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, ms);
        sleepers.add(wake);
      });
    },
  };
}

/** Exponential with jitter, so instances that failed together do not retry together. */
export function backoff(failures: number, max: number): number {
  const base = Math.min(max, 100 * 2 ** Math.min(failures, 10));
  return base / 2 + Math.random() * (base / 2);
}
