import { DeadlockException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/mysql';
import { sqlTime } from '@social/kit/orm';
import { waitFor, type TestOrm } from '@social/testkit';
import { handleEvent, handleEvents } from '../src/consumer/event-handler';
import {
  countRows,
  events,
  minute,
  postIdOf,
  storedFeed,
  testConfig,
  users,
} from './support/feed-fixtures';
import { startFeed, type FeedHarness } from './support/feed-harness';

const CONFIG = testConfig();

describe('feed event handler: transactions and chunks (no broker)', () => {
  // A fixed clock: processed_events rows carry the time of their claim.
  const now = new Date('2026-02-01T00:00:00.000Z');
  const clock = () => now.getTime();
  let feed: FeedHarness;
  let db: TestOrm;

  beforeAll(async () => {
    feed = await startFeed({ prefix: 'feed_chunks', feed: CONFIG, clock });
    db = feed.db;
  });
  afterAll(() => feed.stop());
  beforeEach(() => feed.truncate());

  it('retries an event whose transaction lost a deadlock, and applies it once', async () => {
    const [author] = users(1) as [string];
    const post = events.post(author, minute(1));
    let attempts = 0;
    const flaky = {
      fork: () => ({
        transactional: (work: (tx: EntityManager) => Promise<unknown>, options: object) => {
          attempts += 1;
          if (attempts === 1)
            throw new DeadlockException(
              Object.assign(new Error('Deadlock found'), { errno: 1213 }),
            );
          return db.orm.em.fork().transactional(work, options);
        },
      }),
    } as unknown as EntityManager;
    expect(await handleEvent(post, { em: flaky, config: CONFIG, clock })).toBe('applied');
    expect(attempts).toBe(2);
    expect(await storedFeed(db, author)).toEqual([postIdOf(post)]);
  });

  it('applies a chunk in one go: an event twice in it, or already applied, counts once', async () => {
    const [author, liker] = users(2) as [string, string];
    const post = events.post(author, minute(1));
    const like = events.like(liker, postIdOf(post), author);
    await feed.apply(post);
    const chunk = [
      post,
      like,
      events.unlike(liker, postIdOf(post), author),
      like,
      events.like(author, postIdOf(post), author),
    ];
    const outcomes = await handleEvents(chunk, { em: db.orm.em, config: CONFIG, clock });
    expect(outcomes).toEqual(['duplicate', 'applied', 'applied', 'duplicate', 'applied']);
    // The like was taken back: its notification is retracted, kept only to be revived.
    expect(await countRows(db, 'notifications', 'retracted_at IS NULL')).toBe(0);
    expect(await countRows(db, 'processed_events')).toBe(4);
    expect(await countRows(db, 'processed_events', 'processed_at = ?', [sqlTime(now)])).toBe(4);
    expect(await storedFeed(db, author)).toEqual([postIdOf(post)]);
  });

  it('claims a chunk without posts before checking it, and redoes it checked when an event of it was applied before', async () => {
    const [author, liker, follower] = users(3) as [string, string, string];
    const post = events.post(author, minute(1));
    await feed.apply(post);
    const like = events.like(liker, postIdOf(post), author);
    const follow = events.follow(follower, author);
    // All fresh: claimed at once, applied once.
    expect(
      await handleEvents([like, follow, like], { em: db.orm.em, config: CONFIG, clock }),
    ).toEqual(['applied', 'applied', 'duplicate']);
    expect(await countRows(db, 'notifications', 'retracted_at IS NULL')).toBe(2);
    // Redelivered with a new one: the claim comes up short, rolls back, and the checked way
    // finds the two as processed; nothing is applied twice, the new one is applied.
    const comment = events.comment(follower, postIdOf(post), author);
    expect(
      await handleEvents([follow, comment, like], { em: db.orm.em, config: CONFIG, clock }),
    ).toEqual(['duplicate', 'applied', 'duplicate']);
    expect(await countRows(db, 'notifications', 'retracted_at IS NULL')).toBe(3);
    expect(await countRows(db, 'processed_events')).toBe(4);
  });

  it('ends a chunk before a fan-out larger than one batch, and gives that fan-out a transaction of its own', async () => {
    const config = testConfig({ fanoutMaxFollowers: 10, batchSize: 2 });
    const [author, liker, ...followers] = users(5) as [string, string, ...string[]];
    await feed.apply(...followers.map((follower) => events.follow(follower, author)));
    const post = events.post(author, minute(1));
    const like = events.like(liker, postIdOf(post), author);
    const chunk = [events.post(liker, minute(0)), post, like];
    expect(await handleEvents(chunk, { em: db.orm.em, config, clock })).toEqual(['applied']);
    expect(await handleEvents(chunk.slice(1), { em: db.orm.em, config, clock })).toEqual([
      'applied',
    ]);
    expect(await handleEvents(chunk.slice(2), { em: db.orm.em, config, clock })).toEqual([
      'applied',
    ]);
    for (const owner of [author, ...followers])
      expect(await storedFeed(db, owner)).toEqual([postIdOf(post)]);
  });

  it('commits a large fan-out batch by batch: the first followers see the post while the rest is still being written', async () => {
    const config = testConfig({ fanoutMaxFollowers: 10, batchSize: 2 });
    const [author, ...followers] = users(7) as [string, ...string[]];
    await feed.apply(...followers.map((follower) => events.follow(follower, author)));
    const sorted = [...followers].sort();
    const post = events.post(author, minute(1));
    // An uncommitted copy of the third follower's entry stops the fan-out at the second batch.
    const holder = db.orm.em.fork();
    await holder.begin();
    await holder.execute(
      'INSERT INTO feed_entries (owner_id, post_created_at, post_id, author_id) VALUES (?, ?, ?, ?)',
      [sorted[2], sqlTime(minute(1)), postIdOf(post), author],
    );
    const handled = handleEvents([post], { em: db.orm.em, config, clock });
    try {
      await waitFor('the first batch committed, the rest pending', async () => {
        const seen = await Promise.all([author, ...sorted].map((owner) => storedFeed(db, owner)));
        return seen.map((feed) => feed.length).join() === '1,1,1,0,0,0,0';
      });
      expect(await countRows(db, 'pending_fanouts')).toBe(1);
    } finally {
      await holder.rollback();
    }
    expect(await handled).toEqual(['applied']);
    for (const owner of [author, ...followers])
      expect(await storedFeed(db, owner)).toEqual([postIdOf(post)]);
    expect(await countRows(db, 'pending_fanouts')).toBe(0);
  });
});
