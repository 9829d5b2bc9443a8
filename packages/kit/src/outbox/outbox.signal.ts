/**
 * Wakes this process's relay right after a commit, so an event does not wait for the next
 * poll. Other instances' commits are picked up by the poll interval.
 */
export interface OutboxSignal {
  notify(): void;
  /** Resolves on the next notify, or after `ms`, whichever comes first. */
  wait(ms: number): Promise<void>;
}

export function createOutboxSignal(): OutboxSignal {
  let pending = false;
  let wake: (() => void) | null = null;
  return {
    notify() {
      pending = true;
      wake?.();
    },
    wait(ms) {
      if (pending) {
        pending = false;
        return Promise.resolve();
      }
      return new Promise((resolve) => {
        const timer = setTimeout(done, ms);
        function done() {
          clearTimeout(timer);
          wake = null;
          pending = false;
          resolve();
        }
        wake = done;
      });
    },
  };
}
