/** Thrown by `Semaphore.run` when the queue is full or a waiter's time is up: the task never ran. */
export class SemaphoreSaturatedError extends Error {
  override name = 'SemaphoreSaturatedError';
  constructor(readonly reason: 'queue_full' | 'wait_timeout') {
    super(`semaphore saturated: ${reason}`);
  }
}

export interface SemaphoreBounds {
  /** Waiters allowed behind the holders; one more is refused at once. Infinity: unbounded. */
  maxQueued: number;
  /** How long a waiter waits for a slot before it gives up. Infinity: forever. */
  maxWaitMs: number;
}

interface Waiter {
  grant(): void;
  timer?: NodeJS.Timeout;
}

/**
 * A counting semaphore: at most `limit` holders, the rest queue in arrival order, and the queue
 * is bounded in length and in waiting time, so a burst is shed instead of piling up latency.
 */
export class Semaphore {
  private active = 0;
  private readonly waiting: Waiter[] = [];

  constructor(
    private readonly limit: number,
    private readonly bounds: SemaphoreBounds = { maxQueued: Infinity, maxWaitMs: Infinity },
  ) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError('Semaphore limit must be a positive integer');
  }

  /** Holders plus waiters, for a gauge. */
  get load(): { active: number; queued: number } {
    return { active: this.active, queued: this.waiting.length };
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.active < this.limit) {
      this.active += 1;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.bounds.maxQueued)
      return Promise.reject(new SemaphoreSaturatedError('queue_full'));
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        grant: () => {
          clearTimeout(waiter.timer);
          resolve();
        },
      };
      if (Number.isFinite(this.bounds.maxWaitMs))
        waiter.timer = setTimeout(() => {
          const index = this.waiting.indexOf(waiter);
          if (index >= 0) this.waiting.splice(index, 1);
          reject(new SemaphoreSaturatedError('wait_timeout'));
        }, this.bounds.maxWaitMs);
      this.waiting.push(waiter);
    });
  }

  private release(): void {
    const next = this.waiting.shift();
    // Hand the slot straight to the next waiter, so `active` never dips and lets a newcomer jump the queue.
    if (next) next.grant();
    else this.active -= 1;
  }
}
