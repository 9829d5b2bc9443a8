import type { ActivityEvent } from '@social/events';
import { expectData } from '@social/testkit';
import { events, minute, postIdOf, users, type NotificationsData } from './support/feed-fixtures';
import { startFeed, type FeedHarness } from './support/feed-harness';

const NOTIFICATIONS = `query Notifications($first: Int, $after: String) {
  notifications(first: $first, after: $after) {
    edges { node { id kind actor { id } post { id } createdAt read } }
    pageInfo { hasNextPage endCursor }
  }
}`;

describe('notifications query', () => {
  let feed: FeedHarness;
  let url: string;

  beforeAll(async () => {
    feed = await startFeed({ prefix: 'feed_notifications' });
    url = feed.url;
  });
  afterAll(() => feed.stop());
  beforeEach(() => feed.truncate());

  const apply = (...list: ActivityEvent[]) => feed.apply(...list);
  const as = (viewer: string) => ({ headers: feed.headersFor(viewer) });

  /** A follow, a like and a comment on the author, each a minute apart. */
  async function seed() {
    const [author, fan] = users(2) as [string, string];
    const post = events.post(author, minute(0));
    const acts = [
      events.follow(fan, author),
      events.like(fan, postIdOf(post), author),
      events.comment(fan, postIdOf(post), author),
    ];
    acts.forEach((act, i) => (act.occurredAt = minute(i + 1)));
    await apply(post, ...acts);
    return { author, fan, postId: postIdOf(post) };
  }

  it('lists the caller’s notifications newest first with User and Post references, page by page', async () => {
    const { author, fan, postId } = await seed();
    const first = await expectData<NotificationsData>(url, {
      query: NOTIFICATIONS,
      variables: { first: 2 },
      ...as(author),
    });
    const second = await expectData(url, {
      query: NOTIFICATIONS,
      variables: { first: 2, after: first.notifications.pageInfo.endCursor },
      ...as(author),
    });
    const nodes = [...first.notifications.edges, ...second.notifications.edges].map(({ node }) => ({
      ...node,
      id: undefined,
    }));
    expect(nodes).toEqual([
      {
        id: undefined,
        kind: 'POST_COMMENTED',
        actor: { id: fan },
        post: { id: postId },
        createdAt: minute(3),
        read: false,
      },
      {
        id: undefined,
        kind: 'POST_LIKED',
        actor: { id: fan },
        post: { id: postId },
        createdAt: minute(2),
        read: false,
      },
      {
        id: undefined,
        kind: 'FOLLOWED',
        actor: { id: fan },
        post: null,
        createdAt: minute(1),
        read: false,
      },
    ]);
    expect([
      first.notifications.pageInfo.hasNextPage,
      second.notifications.pageInfo.hasNextPage,
    ]).toEqual([true, false]);
    const others = await expectData<NotificationsData>(url, { query: NOTIFICATIONS, ...as(fan) });
    expect(others.notifications.edges).toEqual([]);
  });

  it('marks every unread notification read once and counts what it marked', async () => {
    const { author } = await seed();
    const count = () => expectData(url, { query: '{ unreadNotificationCount }', ...as(author) });
    const mark = () =>
      expectData(url, { query: 'mutation { markNotificationsRead }', ...as(author) });
    expect(await count()).toEqual({ unreadNotificationCount: 3 });
    expect(await mark()).toEqual({ markNotificationsRead: 3 });
    expect(await count()).toEqual({ unreadNotificationCount: 0 });
    expect(await mark()).toEqual({ markNotificationsRead: 0 });
    const data = await expectData<NotificationsData>(url, { query: NOTIFICATIONS, ...as(author) });
    expect(data.notifications.edges.map((edge) => edge.node.read)).toEqual([true, true, true]);
  });

  it('takes notifications back on unfollow and unlike, and leaves the others alone', async () => {
    const { author, fan, postId } = await seed();
    await apply(events.unfollow(fan, author), events.unlike(fan, postId, author));
    const data = await expectData<NotificationsData>(url, { query: NOTIFICATIONS, ...as(author) });
    expect(data.notifications.edges.map((edge) => edge.node.kind)).toEqual(['POST_COMMENTED']);
    expect(await expectData(url, { query: '{ unreadNotificationCount }', ...as(author) })).toEqual({
      unreadNotificationCount: 1,
    });
  });
});
