import { setTimeout as sleep } from 'node:timers/promises';
import { DeadlockException, IsolationLevel, LockWaitTimeoutException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/mysql';
import type { ActivityEvent } from '@social/events';
import { inMessageSpan, type Clock, type TraceContext } from '@social/kit';
import { list, sqlOf, sqlTime, tuples, type Sql } from '@social/kit/orm';
import { chunkLength } from './chunk-plan';
import { applyEffects } from './event-effects';
import { continueFanOut } from './post-effects';
import type { FeedConfig } from '../config';
import { createNotificationWriter } from './notification-effects';

export interface HandlerDeps {
  em: EntityManager;
  config: FeedConfig;
  /** processed_at of the events claimed (the prune's age). */
  clock: Clock;
}

export type HandleOutcome = 'applied' | 'duplicate';

/** The trace context each event's message carried, by event id (kit tracing-messages.ts). */
export type EventOrigins = ReadonlyMap<string, TraceContext | undefined>;

const NO_ORIGINS: EventOrigins = new Map();

const MAX_ATTEMPTS = 8;

/** Another transaction claimed one of the chunk's events between our check and our claim. */
export class ClaimedElsewhere extends Error {}

/** A chunk claimed before its check found an event claimed before: redone with the check. */
class SeenBefore extends Error {}

/** One event in a transaction of its own. */
export async function handleEvent(event: ActivityEvent, deps: HandlerDeps): Promise<HandleOutcome> {
  const [outcome] = await handleEvents([event], deps);
  return outcome ?? 'duplicate';
}

/**
 * Applies a leading run of `events` (at least one; see chunkLength) in ONE transaction,
 * effectively once: their ids go into processed_events in the same transaction as their
 * effects, before them, so a redelivery skips them and a second instance racing on the same
 * partition during a rebalance waits on those rows. Answers one outcome per event taken, in order.
 * Each event's effects run in a span of the trace its message carried (`origins`).
 */
export async function handleEvents(
  events: ActivityEvent[],
  deps: HandlerDeps,
  origins: EventOrigins = NO_ORIGINS,
): Promise<HandleOutcome[]> {
  const run = (claimFirst: boolean) =>
    inTransaction(deps.em, (sql) => applyChunk(sql, events, deps, origins, claimFirst));
  let applied: Awaited<ReturnType<typeof applyChunk>>;
  try {
    applied = await run(canClaimFirst(events));
  } catch (error) {
    if (!(error instanceof SeenBefore)) throw error;
    applied = await run(false);
  }
  const { outcomes, pending } = applied;
  // A deferred fan-out goes on, one batch per transaction, before the next chunk: also for a
  // redelivered event, whose fan-out a crash may have left half done.
  for (const postId of pending)
    while (!(await inTransaction(deps.em, (sql) => continueFanOut(sql, postId, deps.config))));
  return outcomes;
}

/** Runs `work` in a transaction of its own, retried on lock conflicts. */
async function inTransaction<T>(em: EntityManager, work: (sql: Sql) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await em.fork().transactional((tx) => work(sqlOf(tx)), {
        // Read committed avoids gap locks, so feeds written from two partitions rarely deadlock.
        isolationLevel: IsolationLevel.READ_COMMITTED,
      });
    } catch (error) {
      const conflict =
        error instanceof DeadlockException ||
        error instanceof LockWaitTimeoutException ||
        error instanceof ClaimedElsewhere;
      if (!conflict || attempt >= MAX_ATTEMPTS) throw error;
      // Jitter, so two chunks that deadlocked do not collide again in lockstep.
      await sleep(Math.random() * 20 * attempt);
    }
  }
}

/**
 * Without a post.created, a chunk is taken whole whichever of its events are fresh (only
 * fan-outs bound it, chunk-plan.ts), so its events can be claimed before they are checked:
 * a redelivery is rare, and the claim alone tells that none was processed before, one
 * statement instead of two. A short claim rolls back and the chunk is redone the checked way.
 */
function canClaimFirst(events: ActivityEvent[]): boolean {
  return events.every((event) => event.type !== 'post.created');
}

async function applyChunk(
  sql: Sql,
  events: ActivityEvent[],
  { config, clock }: HandlerDeps,
  origins: EventOrigins,
  claimFirst: boolean,
): Promise<{ outcomes: HandleOutcome[]; pending: string[] }> {
  const known = claimFirst ? new Set<string>() : await alreadyProcessed(sql, events);
  const fresh = firstSightings(events, known);
  // Without a post.created this is the whole chunk, and no query.
  const taken = await chunkLength(sql, events, fresh, config);
  const toApply = events.slice(0, taken).filter((_, i) => fresh[i]);
  await claim(sql, toApply, new Date(clock()), claimFirst ? SeenBefore : ClaimedElsewhere);
  const notes = createNotificationWriter(sql, config.renotifyAfterSeconds);
  // Only the chunk's last event may leave its fan-out to go on after the commit.
  const last = events[taken - 1];
  for (const event of toApply)
    await inMessageSpan('feed', `apply ${event.type}`, origins.get(event.id), () =>
      applyEffects(sql, event, config, notes, event === last),
    );
  await notes.flush();
  return {
    outcomes: fresh.slice(0, taken).map((isFresh) => (isFresh ? 'applied' : 'duplicate')),
    // Only the last event can have deferred its fan-out now; a duplicate may have before a crash.
    pending: await pendingFanOuts(
      sql,
      events.slice(0, taken).filter((event, i) => !fresh[i] || event === last),
    ),
  };
}

// An event delivered twice within one chunk is applied at its first delivery.
function firstSightings(events: ActivityEvent[], known: Set<string>): boolean[] {
  const seen = new Set(known);
  return events.map((event) => {
    if (seen.has(event.id)) return false;
    seen.add(event.id);
    return true;
  });
}

// A plain read: committed ids only. One that is being applied right now is caught by claim().
async function alreadyProcessed(sql: Sql, events: ActivityEvent[]): Promise<Set<string>> {
  const rows = await sql.all<{ event_id: string }>(
    `SELECT event_id FROM processed_events WHERE event_id IN (${list(events.length)})`,
    events.map((event) => event.id),
  );
  return new Set(rows.map((row) => row.event_id));
}

/**
 * INSERT IGNORE waits on a row another transaction inserted and has not committed; if that one
 * commits, our insert skips the row and the count comes up short, as it does for an event
 * processed before when the claim comes first: `short` is thrown, the transaction rolls back,
 * and the chunk is retried (ClaimedElsewhere) or redone with the check (SeenBefore), which
 * sees the event as processed.
 */
async function claim(
  sql: Sql,
  events: ActivityEvent[],
  at: Date,
  short: new (message: string) => Error,
): Promise<void> {
  if (events.length === 0) return;
  const now = sqlTime(at);
  const inserted = await sql.run(
    `INSERT IGNORE INTO processed_events (event_id, event_type, processed_at) VALUES ${tuples(events.length, 3)}`,
    events.flatMap((event) => [event.id, event.type, now]),
  );
  if (inserted !== events.length)
    throw new short('events of the chunk were applied before or concurrently');
}

/** Those of `events`' posts whose fan-out goes on after the commit. */
async function pendingFanOuts(sql: Sql, events: ActivityEvent[]): Promise<string[]> {
  const posts = events.flatMap((event) =>
    event.type === 'post.created' ? [event.payload.postId] : [],
  );
  if (posts.length === 0) return [];
  const rows = await sql.all<{ post_id: string }>(
    `SELECT post_id FROM pending_fanouts WHERE post_id IN (${list(posts.length)})`,
    posts,
  );
  return rows.map((row) => row.post_id);
}
