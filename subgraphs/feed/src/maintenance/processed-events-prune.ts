import type { EntityManager } from '@mikro-orm/mysql';
import { claimPeriod, type Clock, type Logger, type Redis } from '@social/kit';
import { sqlOf, sqlTime, type Sql } from '@social/kit/orm';

/**
 * Deletes processed_events rows written before `before`, `chunk` rows per statement and at most
 * `maxChunks` statements, each its own short transaction so the consumer's claims never wait
 * long on it. Answers how many rows went; a backlog larger than one run is left to the next.
 */
export function pruneProcessedEvents(
  sql: Sql,
  before: Date,
  chunk?: number,
  maxChunks?: number,
): Promise<number> {
  return deleteInChunks(sql, 'processed_events WHERE processed_at < ?', before, chunk, maxChunks);
}

// Past the renotify window nothing can revive a retracted notification (notification-effects.ts):
// it is only weight, so it goes with the processed events, chunked the same way.
const RETRACTED_NOTIFICATIONS = 'notifications WHERE retracted_at < ?';

async function deleteInChunks(
  sql: Sql,
  tableAndCondition: string,
  before: Date,
  chunk = 1000,
  maxChunks = 50,
): Promise<number> {
  let deleted = 0;
  for (let round = 0; round < maxChunks; round += 1) {
    const affected = await sql.run(`DELETE FROM ${tableAndCondition} LIMIT ?`, [
      sqlTime(before),
      chunk,
    ]);
    deleted += affected;
    if (affected < chunk) break;
  }
  return deleted;
}

export interface ProcessedEventsPrunerDeps {
  em: EntityManager;
  logger: Logger;
  clock: Clock;
  /** Must exceed how long the topic can still redeliver an event, or a replay applies it twice. */
  retentionMs: number;
  /** Retracted notifications older than this are pruned too. */
  retractedNotificationsMs: number;
  intervalMs: number;
  /** Where the instances claim each period (kit claimPeriod): one of them prunes per period. */
  redis: Redis;
  periodKey: string;
}

/**
 * Runs the prune on an unref'd timer, once per period across instances: each tick first claims
 * its period in Redis, and only the first instance's tick of a period prunes. `stop()` waits for
 * a run in hand, before the pool closes.
 */
export function createProcessedEventsPruner(deps: ProcessedEventsPrunerDeps) {
  const log = deps.logger.child({ component: 'processed-events-prune' });
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const runOnce = async (): Promise<void> => {
    try {
      const deleted = await pruneProcessedEvents(
        sqlOf(deps.em.fork()),
        new Date(deps.clock() - deps.retentionMs),
      );
      if (deleted > 0) log.info({ deleted }, 'pruned processed events');
      const retracted = await deleteInChunks(
        sqlOf(deps.em.fork()),
        RETRACTED_NOTIFICATIONS,
        new Date(deps.clock() - deps.retractedNotificationsMs),
      );
      if (retracted > 0) log.info({ deleted: retracted }, 'pruned retracted notifications');
    } catch (error: unknown) {
      log.warn({ err: error }, 'processed events prune failed');
    }
  };

  const runIfDue = async (): Promise<boolean> => {
    let due: boolean;
    try {
      due = await claimPeriod(deps.redis, deps.periodKey, deps.intervalMs, deps.clock());
    } catch (error: unknown) {
      log.warn({ err: error }, 'processed events prune skipped: its period could not be claimed');
      return false;
    }
    if (due) await runOnce();
    return due;
  };

  const pruner = {
    start(): void {
      timer = setInterval(() => void pruner.tick(), deps.intervalMs);
      timer.unref();
    },
    /** One run now, after the one in hand. */
    run(): Promise<void> {
      running = running.then(runOnce);
      return running;
    },
    /** What the timer runs, after the run in hand: false when this period's prune fell to another instance. */
    tick(): Promise<boolean> {
      const ran = running.then(runIfDue);
      running = ran.then(() => undefined);
      return ran;
    },
    async stop(): Promise<void> {
      clearInterval(timer);
      await running;
    },
  };
  return pruner;
}
