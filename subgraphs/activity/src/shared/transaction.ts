import { DeadlockException, LockWaitTimeoutException } from '@mikro-orm/core';
import type { ActivityContext } from '../context';
import { sqlOf, type Sql } from '@social/kit/orm';

const ATTEMPTS = 3;

/**
 * Runs a change and its outbox rows in one transaction, retrying the rare InnoDB deadlock
 * (the whole transaction rolled back, so a retry is safe). After the commit the relay is
 * woken, and the request's loaders start fresh so fields read what was just written.
 */
export async function inTransaction<T>(
  context: Pick<ActivityContext, 'em' | 'outbox' | 'refreshLoaders' | 'log'>,
  work: (tx: Sql) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const result = await context.em.transactional((tx) => work(sqlOf(tx)));
      context.outbox.notify();
      context.refreshLoaders();
      return result;
    } catch (error) {
      const retryable =
        error instanceof DeadlockException || error instanceof LockWaitTimeoutException;
      if (!retryable || attempt >= ATTEMPTS) throw error;
      context.log.warn({ err: error, attempt }, 'transaction aborted by a lock conflict; retrying');
    }
  }
}
