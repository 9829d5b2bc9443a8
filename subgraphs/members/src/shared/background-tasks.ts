import type { Logger } from '@social/kit';

/**
 * Work that must not make a response slower or more revealing (mail for unknown vs known
 * addresses). Tracked so shutdown and tests can wait for it instead of sleeping.
 */
export function createBackgroundTasks(logger: Logger) {
  const pending = new Set<Promise<void>>();
  return {
    run(name: string, task: () => Promise<unknown>): void {
      const promise: Promise<void> = task()
        .then(() => undefined)
        .catch((error: unknown) =>
          logger.error({ err: error, task: name }, 'background task failed'),
        )
        .finally(() => pending.delete(promise));
      pending.add(promise);
    },
    async idle(): Promise<void> {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}

export type BackgroundTasks = ReturnType<typeof createBackgroundTasks>;
