import { randomBytes } from 'node:crypto';
import { createRedis } from '@social/kit';
import { createTestOrm, silentLogger, type TestOrm } from '@social/testkit';
import { sqlOf, sqlTime } from '@social/kit/orm';
import {
  createProcessedEventsPruner,
  pruneProcessedEvents,
} from '../src/maintenance/processed-events-prune';
import { Migration20261128000000 } from '../src/migrations/Migration20261128000000';
import { countRows, entities, FEED_TABLES, migrations, minute } from './support/feed-fixtures';

describe('processed_events prune', () => {
  let db: TestOrm;
  const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  // This file's own claims: files running at once must not take each other's periods.
  const periodKey = `feed-test:${process.pid}:${randomBytes(4).toString('hex')}:prune-period`;

  beforeAll(async () => {
    db = await createTestOrm({ prefix: 'feed_prune', entities, migrations });
  });
  afterAll(async () => {
    const keys = await redis.keys(`${periodKey}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    await db.close();
  });
  beforeEach(() => db.truncate(...FEED_TABLES));

  /** One processed event per minute given, named after its minute. */
  const seed = (...minutes: number[]) =>
    sqlOf(db.orm.em.fork()).run(
      `INSERT INTO processed_events (event_id, event_type, processed_at) VALUES ${minutes.map(() => '(?, ?, ?)').join(',')}`,
      minutes.flatMap((m) => [`event-${m}`, 'post.created', sqlTime(minute(m))]),
    );
  const remaining = async () =>
    (
      await sqlOf(db.orm.em.fork()).all<{ event_id: string }>(
        'SELECT event_id FROM processed_events ORDER BY event_id',
      )
    ).map((r) => r.event_id);

  it('deletes the events processed before the cutoff, in chunks, and keeps the rest', async () => {
    await seed(1, 2, 3, 4, 5, 6);
    const deleted = await pruneProcessedEvents(sqlOf(db.orm.em.fork()), new Date(minute(5)), 2);
    expect(deleted).toBe(4);
    expect(await remaining()).toEqual(['event-5', 'event-6']);
  });

  it('stops after the bounded number of chunks and leaves the backlog to the next run', async () => {
    await seed(1, 2, 3, 4, 5, 6);
    expect(await pruneProcessedEvents(sqlOf(db.orm.em.fork()), new Date(minute(6)), 2, 2)).toBe(4);
    expect(await countRows(db, 'processed_events')).toBe(2);
    expect(await pruneProcessedEvents(sqlOf(db.orm.em.fork()), new Date(minute(6)), 2, 2)).toBe(1);
    expect(await remaining()).toEqual(['event-6']);
  });

  it('runs on the injected clock: rows older than the retention go', async () => {
    await seed(1, 2, 3, 4, 5, 6);
    const retentionMs = 3_600_000;
    const pruner = createProcessedEventsPruner({
      em: db.orm.em,
      logger: silentLogger,
      clock: () => Date.parse(minute(4)) + retentionMs,
      retentionMs,
      retractedNotificationsMs: retentionMs,
      intervalMs: 600_000,
      redis,
      periodKey,
    });
    await pruner.run();
    await pruner.stop();
    expect(await remaining()).toEqual(['event-4', 'event-5', 'event-6']);
  });

  it('prunes notifications retracted before the renotify window, and only those', async () => {
    // Retracted at minute 1 and minute 5, and one live: the cutoff is minute 4.
    const rows = [
      ['n-old', sqlTime(minute(1))],
      ['n-recent', sqlTime(minute(5))],
      ['n-live', null],
    ];
    await sqlOf(db.orm.em.fork()).run(
      `INSERT INTO notifications (id, recipient_id, kind, actor_id, post_id, created_at, read_at, retracted_at)
       VALUES ${rows.map(() => "(?, 'r', 'FOLLOWED', 'a', NULL, ?, NULL, ?)").join(',')}`,
      rows.flatMap(([id, retractedAt]) => [id, sqlTime(minute(0)), retractedAt]),
    );
    const windowMs = 3_600_000;
    const pruner = createProcessedEventsPruner({
      em: db.orm.em,
      logger: silentLogger,
      clock: () => Date.parse(minute(4)) + windowMs,
      retentionMs: windowMs,
      retractedNotificationsMs: windowMs,
      intervalMs: 600_000,
      redis,
      periodKey,
    });
    await pruner.run();
    await pruner.stop();
    const left = await sqlOf(db.orm.em.fork()).all<{ id: string }>(
      'SELECT id FROM notifications ORDER BY id',
    );
    expect(left.map((row) => row.id)).toEqual(['n-live', 'n-recent']);
  });

  it('prunes once per period, however many instances tick', async () => {
    const intervalMs = 600_000;
    const retentionMs = 3_600_000;
    // Period boundaries late enough that every seeded minute is past the retention.
    const firstPeriod = Math.ceil((Date.parse(minute(10)) + retentionMs) / intervalMs) * intervalMs;
    let now = firstPeriod;
    // Three instances' pruners on one database and Redis, each with its own timer.
    const instances = [1, 2, 3].map(() =>
      createProcessedEventsPruner({
        em: db.orm.em,
        logger: silentLogger,
        clock: () => now,
        retentionMs,
        retractedNotificationsMs: retentionMs,
        intervalMs,
        redis,
        periodKey,
      }),
    );
    const periods = [];
    for (let period = 0; period < 3; period += 1) {
      // An event old enough to go, then each instance's tick at its own moment of the period.
      await seed(period + 1);
      const ran = [];
      for (const [phase, pruner] of instances.entries()) {
        now = firstPeriod + period * intervalMs + ((phase + 1) * intervalMs) / 4;
        ran.push(await pruner.tick());
      }
      expect(await remaining()).toEqual([]);
      periods.push(ran.filter(Boolean).length);
    }
    for (const pruner of instances) await pruner.stop();
    expect(periods).toEqual([1, 1, 1]);
  });

  it('finds old rows through an index on processed_at, and re-running its migration changes nothing', async () => {
    const [index] = await sqlOf(db.orm.em.fork()).all<{ column_name: string }>(
      `SELECT column_name AS column_name FROM information_schema.statistics
       WHERE table_schema = DATABASE() AND table_name = 'processed_events' AND index_name = 'processed_events_age'`,
    );
    expect(index).toEqual({ column_name: 'processed_at' });
    const again = new Migration20261128000000(db.orm.em.getDriver(), db.orm.config);
    await again.up();
    expect(again.getQueries()).toEqual([]);
  });
});
