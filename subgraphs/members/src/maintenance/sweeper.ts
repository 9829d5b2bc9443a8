import { randomBytes } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/mysql';
import { claimPeriod, type Clock, type Logger } from '@social/kit';
import type { Redis } from 'ioredis';
import {
  deleteExpiredTokens,
  deleteIdleSessions,
  deleteRevokedSessions,
  type SweepBatch,
} from './sweep.repository';

const RELEASE_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;
const LOCK_MS = 5 * 60_000;
const BATCH = 1000;
// Expired and revoked sessions stay a day, so a late client hears REFRESH_TOKEN_EXPIRED
// (log in again) rather than REFRESH_TOKEN_INVALID, and reuse is still recognised.
const SESSION_RETENTION_MS = 24 * 3600_000;

export interface SweepResult {
  sessions: number;
  tokens: number;
}

export interface SweeperOptions {
  orm: MikroORM;
  redis: Redis;
  redisPrefix: string;
  clock: Clock;
  logger: Logger;
  intervalMs: number;
}

/**
 * Deletes expired sessions (their ancestors cascade) and expired one-time tokens. Several
 * instances run it: each timer tick first claims its period in Redis (kit claimPeriod), so the
 * sweep runs once per period, not once per instance. A Redis lock (SET NX PX, released only by
 * its owner) keeps two sweeps from overlapping, and every delete is idempotent and bounded, so
 * a lost lock costs only duplicate work.
 */
export function createSweeper(options: SweeperOptions) {
  const log = options.logger.child({ component: 'sweeper' });
  const lockKey = `${options.redisPrefix}sweep-lock`;
  const periodKey = `${options.redisPrefix}sweep-period`;
  let timer: NodeJS.Timeout | undefined;

  async function deleteInBatches(batch: SweepBatch, cutoff: Date): Promise<number> {
    const em = options.orm.em.fork();
    let total = 0;
    for (;;) {
      const affected = await batch(em, cutoff, BATCH);
      total += affected;
      if (affected < BATCH) return total;
    }
  }

  async function runOnce(): Promise<SweepResult | null> {
    const owner = randomBytes(12).toString('hex');
    if ((await options.redis.set(lockKey, owner, 'PX', LOCK_MS, 'NX')) !== 'OK') return null;
    try {
      const now = options.clock();
      const sessionCutoff = new Date(now - SESSION_RETENTION_MS);
      const sessions =
        (await deleteInBatches(deleteIdleSessions, sessionCutoff)) +
        (await deleteInBatches(deleteRevokedSessions, sessionCutoff));
      const tokens = await deleteInBatches(deleteExpiredTokens, new Date(now));
      if (sessions + tokens > 0)
        log.info({ sessions, tokens }, 'swept expired sessions and tokens');
      return { sessions, tokens };
    } finally {
      await options.redis.eval(RELEASE_SCRIPT, 1, lockKey, owner);
    }
  }

  /** What the timer runs: the sweep, unless another instance already swept this period. */
  async function tick(): Promise<SweepResult | null> {
    const due = await claimPeriod(options.redis, periodKey, options.intervalMs, options.clock());
    return due ? runOnce() : null;
  }

  return {
    runOnce,
    tick,
    start(): void {
      if (timer || options.intervalMs <= 0) return;
      timer = setInterval(() => {
        tick().catch((error: unknown) => log.error({ err: error }, 'sweep failed'));
      }, options.intervalMs);
      // The sweep never keeps a process alive on its own.
      timer.unref();
    },
    stop(): void {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
