import type { ActivityEvent } from '@social/events';
import { systemClock } from '@social/kit';
import { sqlOf, sqlTime } from '@social/kit/orm';
import { createTestOrm, type TestOrm } from '@social/testkit';
import { handleEvent } from '../src/consumer/event-handler';
import type { FeedConfig } from '../src/config';
import { sizeWeight } from '../src/consumer/feed-trim';
import { notificationId } from '../src/consumer/notification-effects';
import { countUnread, markAllRead } from '../src/notification/notification.repository';
import {
  countRows,
  entities,
  events,
  FEED_TABLES,
  migrations,
  minute,
  postIdOf,
  storedFeed,
  testConfig,
  users,
} from './support/feed-fixtures';

describe('feed event handler (no broker)', () => {
  let db: TestOrm;
  let config: FeedConfig;
  const clock = systemClock;

  beforeAll(async () => {
    db = await createTestOrm({ prefix: 'feed_handler', entities, migrations });
  });
  afterAll(() => db.close());
  beforeEach(async () => {
    config = testConfig();
    await db.truncate(...FEED_TABLES);
  });

  const apply = async (...list: Parameters<typeof handleEvent>[0][]) => {
    const outcomes = [];
    for (const event of list)
      outcomes.push(await handleEvent(event, { em: db.orm.em, config, clock }));
    return outcomes;
  };

  it('writes a new post into the feed of the author and of every follower, over several batches', async () => {
    config = testConfig({ fanoutMaxFollowers: 10, batchSize: 2 });
    const [author, ...followers] = users(6) as [string, ...string[]];
    await apply(...followers.map((follower) => events.follow(follower, author)));
    const post = events.post(author, minute(1));
    await apply(post);
    for (const owner of [author, ...followers])
      expect(await storedFeed(db, owner)).toEqual([postIdOf(post)]);
    expect(await countRows(db, 'feed_entries')).toBe(6);
  });

  it('does not fan out an author above the threshold: only their own feed stores the post', async () => {
    const [author, ...followers] = users(5) as [string, ...string[]];
    await apply(...followers.map((follower) => events.follow(follower, author)));
    const post = events.post(author, minute(1));
    await apply(post);
    expect(await storedFeed(db, author)).toEqual([postIdOf(post)]);
    for (const follower of followers) expect(await storedFeed(db, follower)).toEqual([]);
    expect(
      await countRows(db, 'author_posts', 'post_id = ? AND fanned_out = 0', [postIdOf(post)]),
    ).toBe(1);
  });

  it('backfills the followee’s recent posts on follow and removes all of them on unfollow', async () => {
    const [author, reader] = users(2) as [string, string];
    const posts = [events.post(author, minute(1)), events.post(author, minute(2))];
    await apply(...posts);
    await apply(events.follow(reader, author));
    expect(await storedFeed(db, reader)).toEqual(posts.map(postIdOf).reverse());
    const later = events.post(author, minute(3));
    await apply(later, events.unfollow(reader, author));
    expect(await storedFeed(db, reader)).toEqual([]);
    expect(await storedFeed(db, author)).toHaveLength(3);
  });

  it('takes a deleted post out of every feed, the author’s recent posts and its notifications', async () => {
    const [author, reader, liker] = users(3) as [string, string, string];
    const post = events.post(author, minute(1));
    const kept = events.post(author, minute(2));
    await apply(
      events.follow(reader, author),
      post,
      kept,
      events.like(liker, postIdOf(post), author),
    );
    await apply(events.deletePost(author, postIdOf(post)));
    expect(await storedFeed(db, reader)).toEqual([postIdOf(kept)]);
    expect(await storedFeed(db, author)).toEqual([postIdOf(kept)]);
    expect(await countRows(db, 'author_posts', 'post_id = ?', [postIdOf(post)])).toBe(0);
    expect(await countRows(db, 'notifications', 'kind = ?', ['POST_LIKED'])).toBe(0);
  });

  it('keeps at most maxEntries per feed, dropping the oldest by post time', async () => {
    config = testConfig({ maxEntries: 4 });
    const [author, reader] = users(2) as [string, string];
    await apply(events.follow(reader, author));
    // Out of time order on purpose: trimming follows post time, not arrival.
    const byMinute = new Map([5, 1, 7, 3, 6, 2, 4].map((n) => [n, events.post(author, minute(n))]));
    await apply(...byMinute.values());
    const expected = [7, 6, 5, 4].map((n) => postIdOf(byMinute.get(n) as ActivityEvent));
    expect(await storedFeed(db, reader)).toEqual(expected);
    expect(await storedFeed(db, author)).toEqual(expected);
    expect(await countRows(db, 'author_posts', 'author_id = ?', [author])).toBe(4);
  });

  it('lets a full feed grow by the trim slack, then trims it back to maxEntries in one go', async () => {
    config = testConfig({ maxEntries: 4, trimSlack: 2 });
    const [author, reader] = users(2) as [string, string];
    await apply(events.follow(reader, author));
    const posts = [1, 2, 3, 4, 5, 6, 7].map((n) => events.post(author, minute(n)));
    await apply(...posts.slice(0, 6));
    // Six entries: within maxEntries + slack, no trim yet (readers still see only four).
    expect(await storedFeed(db, reader)).toHaveLength(6);
    await apply(posts[6] as ActivityEvent);
    expect(await storedFeed(db, reader)).toEqual(posts.slice(3).reverse().map(postIdOf));
    // The author's recent posts keep the slack too: every post still in a feed is among them.
    expect(await countRows(db, 'author_posts', 'author_id = ?', [author])).toBe(6);
  });

  it('moves a feed’s size bound by k for one post in k when there is slack, and trims on it', async () => {
    config = testConfig({ maxEntries: 20, trimSlack: 40 });
    const [author, reader] = users(2) as [string, string];
    await apply(events.follow(reader, author));
    const posts = Array.from({ length: 80 }, (_, n) => events.post(author, minute(n)));
    await apply(...posts);
    const weights = posts.map((post) => sizeWeight(postIdOf(post), config));
    // k = 4: some posts add 4, the rest nothing.
    expect(new Set(weights)).toEqual(new Set([0, 4]));
    // The model: each post adds an entry and its weight to the bound; past 60 the feed is
    // trimmed to 20 and the bound set to the count.
    let stored = 0;
    let bound = 0;
    for (const weight of weights) {
      stored += 1;
      bound += weight;
      if (bound > 20 + 40) bound = stored = Math.min(stored, 20);
    }
    const feed = await storedFeed(db, reader);
    expect(feed).toEqual(posts.slice(-stored).reverse().map(postIdOf));
    const [size] = await db.orm.em
      .getConnection()
      .execute<
        Array<{ entries_bound: number }>
      >('SELECT entries_bound FROM feed_sizes WHERE owner_id = ?', [reader]);
    expect(Number(size?.entries_bound)).toBe(bound);
  });

  it('applies a redelivered event once', async () => {
    const [author, liker] = users(2) as [string, string];
    const post = events.post(author, minute(1));
    const like = events.like(liker, postIdOf(post), author);
    expect(await apply(post, like, events.unlike(liker, postIdOf(post), author), like)).toEqual([
      'applied',
      'applied',
      'applied',
      'duplicate',
    ]);
    expect(await countRows(db, 'notifications', 'retracted_at IS NULL')).toBe(0);
    expect(await countRows(db, 'processed_events')).toBe(3);
  });

  it('notifies the person acted upon and takes the notification back when the act is undone', async () => {
    const [author, fan] = users(2) as [string, string];
    const post = events.post(author, minute(1));
    const comment = events.comment(fan, postIdOf(post), author);
    const second = events.comment(fan, postIdOf(post), author);
    await apply(
      post,
      events.follow(fan, author),
      events.like(fan, postIdOf(post), author),
      comment,
      second,
    );
    const rows = () =>
      db.orm.em
        .getConnection()
        .execute(
          'SELECT recipient_id, kind, actor_id, post_id FROM notifications ORDER BY kind, id',
        );
    expect(await rows()).toEqual([
      { recipient_id: author, kind: 'FOLLOWED', actor_id: fan, post_id: null },
      { recipient_id: author, kind: 'POST_COMMENTED', actor_id: fan, post_id: postIdOf(post) },
      { recipient_id: author, kind: 'POST_COMMENTED', actor_id: fan, post_id: postIdOf(post) },
      { recipient_id: author, kind: 'POST_LIKED', actor_id: fan, post_id: postIdOf(post) },
    ]);
    const commentId = comment.type === 'comment.created' ? comment.payload.commentId : '';
    await apply(
      events.unfollow(fan, author),
      events.unlike(fan, postIdOf(post), author),
      events.uncomment(fan, postIdOf(post), author, commentId),
    );
    expect(await countRows(db, 'notifications', 'retracted_at IS NULL')).toBe(1);
    // A comment is never given again: its notification is gone; a follow's or like's is retracted.
    expect(
      await countRows(db, 'notifications', 'id = ?', [notificationId(`commented:${commentId}`)]),
    ).toBe(0);
    expect(await countRows(db, 'notifications', 'retracted_at IS NOT NULL')).toBe(2);
  });

  it('revives, not re-raises, a notification in a follow/unfollow or like/unlike storm', async () => {
    const [author, fan] = users(2) as [string, string];
    const post = events.post(author, minute(1));
    await apply(post, events.follow(fan, author), events.like(fan, postIdOf(post), author));
    const notifications = () =>
      db.orm.em
        .getConnection()
        .execute<
          Array<{ kind: string; created_at: string; read_at: string | null }>
        >('SELECT kind, created_at, read_at FROM notifications WHERE retracted_at IS NULL ORDER BY kind');
    // The author reads them; the fan then toggles both, over and over.
    await markAllRead(sqlOf(db.orm.em.fork()), author, new Date());
    const seen = await notifications();
    for (let i = 0; i < 3; i += 1)
      await apply(
        events.unfollow(fan, author),
        events.unlike(fan, postIdOf(post), author),
        events.follow(fan, author),
        events.like(fan, postIdOf(post), author),
      );
    expect(await notifications()).toEqual(seen);
    expect(seen.map((row) => row.read_at)).toEqual([expect.any(String), expect.any(String)]);
    expect(await countUnread(sqlOf(db.orm.em.fork()), author)).toBe(0);
    expect(await countRows(db, 'notifications')).toBe(2);

    // Given again long after it was taken back, a follow is news again: new time, unread.
    await apply(events.unfollow(fan, author));
    await sqlOf(db.orm.em.fork()).run(
      'UPDATE notifications SET retracted_at = retracted_at - INTERVAL ? SECOND WHERE retracted_at IS NOT NULL',
      [config.renotifyAfterSeconds + 1],
    );
    const refollow = events.follow(fan, author);
    await apply(refollow);
    const [followed] = await notifications();
    expect(followed).toEqual({
      kind: 'FOLLOWED',
      created_at: sqlTime(refollow.occurredAt),
      read_at: null,
    });
    expect(await countUnread(sqlOf(db.orm.em.fork()), author)).toBe(1);
  });

  it('never notifies people acting on their own posts', async () => {
    const [author] = users(1) as [string];
    const post = events.post(author, minute(1));
    await apply(
      post,
      events.like(author, postIdOf(post), author),
      events.comment(author, postIdOf(post), author),
    );
    expect(await countRows(db, 'notifications')).toBe(0);
  });

  it('derives notification ids that are stable UUIDs', () => {
    expect(notificationId('followed:a:b')).toBe(notificationId('followed:a:b'));
    expect(notificationId('followed:a:b')).not.toBe(notificationId('followed:b:a'));
    expect(notificationId('x')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});
