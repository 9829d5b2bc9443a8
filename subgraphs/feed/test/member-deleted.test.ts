import { systemClock } from '@social/kit';
import { createTestOrm, type TestOrm } from '@social/testkit';
import type { FeedConfig } from '../src/config';
import { handleEvent } from '../src/consumer/event-handler';
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

/** Every row of the feed's tables that still names `memberId`, by table. */
async function rowsNaming(db: TestOrm, memberId: string): Promise<Record<string, number>> {
  const where: Record<string, string> = {
    feed_entries: 'owner_id = ? OR author_id = ?',
    feed_sizes: 'owner_id = ? OR owner_id = ?',
    notifications: 'recipient_id = ? OR actor_id = ?',
    follows: 'follower_id = ? OR followee_id = ?',
    follower_counts: 'user_id = ? OR user_id = ?',
    author_posts: 'author_id = ? OR author_id = ?',
  };
  const counts: Record<string, number> = {};
  for (const [table, condition] of Object.entries(where))
    counts[table] = await countRows(db, table, condition, [memberId, memberId]);
  return counts;
}

const NONE = {
  feed_entries: 0,
  feed_sizes: 0,
  notifications: 0,
  follows: 0,
  follower_counts: 0,
  author_posts: 0,
};

describe('member.deleted in the feed', () => {
  let db: TestOrm;
  let config: FeedConfig;

  beforeAll(async () => {
    db = await createTestOrm({ prefix: 'feed_member_deleted', entities, migrations });
  });
  afterAll(() => db.close());
  beforeEach(async () => {
    config = testConfig({ fanoutMaxFollowers: 10 });
    await db.truncate(...FEED_TABLES);
  });

  const apply = async (...list: Parameters<typeof handleEvent>[0][]) => {
    const outcomes = [];
    for (const event of list)
      outcomes.push(await handleEvent(event, { em: db.orm.em, config, clock: systemClock }));
    return outcomes;
  };

  /** Gone follows Ann and Bob, Ann follows Gone; posts, likes and a comment both ways. */
  async function world() {
    const [gone, ann, bob] = users(3) as [string, string, string];
    const annPost = events.post(ann, minute(1));
    const gonePost = events.post(gone, minute(2));
    await apply(
      events.follow(gone, ann),
      events.follow(gone, bob),
      events.follow(ann, gone),
      annPost,
      gonePost,
      events.like(gone, postIdOf(annPost), ann),
      events.comment(gone, postIdOf(annPost), ann),
      events.like(ann, postIdOf(gonePost), gone),
    );
    return { gone, ann, bob, annPost, gonePost };
  }

  /** What activity emits when it removes the member's rows of world(). */
  const activityRemovals = ({
    gone,
    ann,
    bob,
    annPost,
    gonePost,
  }: Awaited<ReturnType<typeof world>>) => [
    events.unfollow(gone, ann),
    events.unfollow(gone, bob),
    events.unfollow(ann, gone),
    events.unlike(gone, postIdOf(annPost), ann),
    events.deletePost(gone, postIdOf(gonePost)),
  ];

  it('removes their feed, every notification they received or caused, their follows and their posts from other feeds', async () => {
    const { gone, ann, bob, annPost, gonePost } = await world();
    expect(await storedFeed(db, ann)).toEqual([postIdOf(gonePost), postIdOf(annPost)]);
    expect(await countRows(db, 'notifications', 'actor_id = ?', [gone])).toBe(4);

    expect(await apply(events.memberDeleted(gone))).toEqual(['applied']);

    expect(await rowsNaming(db, gone)).toEqual(NONE);
    // The others keep what is theirs, with counts that no longer include the member.
    expect(await storedFeed(db, ann)).toEqual([postIdOf(annPost)]);
    const counts = await db.orm.em
      .getConnection()
      .execute<
        Array<{ user_id: string; followers: number }>
      >('SELECT user_id, followers FROM follower_counts WHERE user_id IN (?, ?) ORDER BY user_id', [ann, bob]);
    expect(counts.map((row) => Number(row.followers))).toEqual([0, 0]);
    expect(await countRows(db, 'notifications')).toBe(0);
  });

  it('changes nothing when delivered again, nor when activity’s own events for the member follow', async () => {
    const w = await world();
    const { gone, ann } = w;
    const deleted = events.memberDeleted(gone);
    await apply(deleted);
    const after = {
      annFeed: await storedFeed(db, ann),
      rows: await Promise.all(
        FEED_TABLES.map(async (table) => [table, await countRows(db, table)] as const),
      ),
    };
    // A redelivery of the same event is a duplicate; activity's removals find nothing left.
    expect(await apply(deleted)).toEqual(['duplicate']);
    await apply(...activityRemovals(w));
    expect(await storedFeed(db, ann)).toEqual(after.annFeed);
    for (const [table, count] of after.rows)
      if (table !== 'processed_events')
        expect([table, await countRows(db, table)]).toEqual([table, count]);
    expect(await rowsNaming(db, gone)).toEqual(NONE);
  });

  it('ends the same when activity’s events arrive first (the two topics have no order)', async () => {
    const w = await world();
    const { gone, ann, annPost } = w;
    await apply(...activityRemovals(w), events.memberDeleted(gone));
    expect(await rowsNaming(db, gone)).toEqual(NONE);
    expect(await storedFeed(db, ann)).toEqual([postIdOf(annPost)]);
    expect(await countRows(db, 'follower_counts', 'user_id = ? AND followers = 0', [ann])).toBe(1);
  });
});
