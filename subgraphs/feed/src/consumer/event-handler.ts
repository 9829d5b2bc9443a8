import { DeadlockException, IsolationLevel, LockWaitTimeoutException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/mysql';
import type { ActivityEvent } from '@social/events';
import { sqlOf, sqlTime, type Sql } from '../db/sql';
import type { FeedConfig } from './feed-config';
import { onFollowCreated, onFollowDeleted } from './follow-effects';
import { applyNotification } from './notification-effects';
import { onPostCreated, onPostDeleted } from './post-effects';

export interface HandlerDeps {
  em: EntityManager;
  config: FeedConfig;
}

export type HandleOutcome = 'applied' | 'duplicate';

const MAX_ATTEMPTS = 5;

/**
 * Applies one event effectively once: its id goes into processed_events in the same
 * transaction as its effects, first, so a redelivery (or a second instance racing on the same
 * partition during a rebalance) waits on that row and then finds it and does nothing.
 */
export async function handleEvent(event: ActivityEvent, deps: HandlerDeps): Promise<HandleOutcome> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await deps.em.fork().transactional((tx) => applyOnce(sqlOf(tx), event, deps.config), {
        // Read committed avoids gap locks, so feeds written from two partitions rarely deadlock.
        isolationLevel: IsolationLevel.READ_COMMITTED,
      });
    } catch (error) {
      const conflict = error instanceof DeadlockException || error instanceof LockWaitTimeoutException;
      if (!conflict || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

async function applyOnce(sql: Sql, event: ActivityEvent, config: FeedConfig): Promise<HandleOutcome> {
  const fresh = await sql.run(
    'INSERT IGNORE INTO processed_events (event_id, event_type, processed_at) VALUES (?, ?, ?)',
    [event.id, event.type, sqlTime(new Date())],
  );
  if (fresh === 0) return 'duplicate';
  await applyEffects(sql, event, config);
  return 'applied';
}

async function applyEffects(sql: Sql, event: ActivityEvent, config: FeedConfig): Promise<void> {
  switch (event.type) {
    case 'post.created':
      return onPostCreated(sql, event.payload, config);
    case 'post.deleted':
      return onPostDeleted(sql, event.payload);
    case 'follow.created':
      // Activity refuses self-follows; the guard keeps one from hiding the author's own posts.
      if (event.payload.followerId === event.payload.followeeId) return;
      await onFollowCreated(sql, event.payload, config);
      return applyNotification(sql, event);
    case 'follow.deleted':
      if (event.payload.followerId === event.payload.followeeId) return;
      await onFollowDeleted(sql, event.payload);
      return applyNotification(sql, event);
    case 'post.edited':
      // Feeds hold references; activity serves the edited body.
      return;
    default:
      return applyNotification(sql, event);
  }
}
