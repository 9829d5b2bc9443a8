import { Semaphore, SemaphoreSaturatedError } from '../src/shared/semaphore';

/** A task that runs until the test lets it end. */
function heldTask() {
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  return { task: () => done, release };
}

describe('Semaphore bounds', () => {
  it('refuses a waiter beyond maxQueued at once, and serves the queued one in order', async () => {
    const semaphore = new Semaphore(1, { maxQueued: 1, maxWaitMs: Infinity });
    const holder = heldTask();
    const first = semaphore.run(holder.task);
    const order: string[] = [];
    const queued = semaphore.run(async () => void order.push('queued'));
    await expect(semaphore.run(async () => 'never')).rejects.toEqual(
      new SemaphoreSaturatedError('queue_full'),
    );
    expect(semaphore.load).toEqual({ active: 1, queued: 1 });
    holder.release();
    await first;
    await queued;
    expect(order).toEqual(['queued']);
    expect(semaphore.load).toEqual({ active: 0, queued: 0 });
  });

  it('gives up on a waiter after maxWaitMs and leaves the slot to the others', async () => {
    const semaphore = new Semaphore(1, { maxQueued: 10, maxWaitMs: 5 });
    const holder = heldTask();
    const first = semaphore.run(holder.task);
    let ran = false;
    await expect(semaphore.run(async () => void (ran = true))).rejects.toMatchObject({
      reason: 'wait_timeout',
    });
    expect(ran).toBe(false);
    expect(semaphore.load).toEqual({ active: 1, queued: 0 });
    holder.release();
    await first;
    await expect(semaphore.run(async () => 'served')).resolves.toBe('served');
  });
});
