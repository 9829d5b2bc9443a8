import { sqlOf } from '@social/kit/orm';
import { expectData, waitFor } from '@social/testkit';
import { signUpAndLogin } from '../../subgraphs/members/test/harness';
import { startInstances, type ActivityInstance, type Instances } from './instances';
import { metricValue, pipelineOf, scraped } from './pipeline';
import { Client, OPERATIONS, World } from './traffic';

jest.setTimeout(120_000);

const MEMBERS = 8;
const ALL_PARTITIONS = [0, 1, 2, 3, 4, 5];

/**
 * Two instances of every service (gateway, members, activity, feed) against one database per
 * service, one Redis and one broker, each service behind a round-robin balancer, as
 * `docker compose up --scale ...` runs them. Traffic goes through both gateways alternately;
 * what it did (the World) is what every feed and notification list must show at the end.
 */
describe('two instances of every service', () => {
  let many: Instances;
  let pipeline: ReturnType<typeof pipelineOf>;
  let gateways: string[];
  const world = new World();
  const clients: Client[] = [];
  /** The two gateways in turn. */
  const via = (turn: number) => gateways[turn % 2] ?? '';
  const leaders = () => many.activity.filter((a) => a.relay.state() === 'leader');

  beforeAll(async () => {
    many = await startInstances({
      LOGIN_MAX_FAILURES: '3',
      AUTH_RATE_PER_ADDRESS: '1000',
      ACTIVITY_LIMIT_POSTS: '1000,10000',
      ACTIVITY_LIMIT_LIKES: '1000,10000',
      ACTIVITY_LIMIT_FOLLOWS: '1000,10000',
      ACTIVITY_TOGGLE_MAX_CHANGES: '4',
      // Long enough that no timer fires during the run: the test ticks them itself.
      SWEEP_INTERVAL_SECONDS: '3600',
    });
    pipeline = pipelineOf(many);
    gateways = many.gateways.map((gateway) => `${gateway.url}/graphql`);
  });
  afterAll(() => many?.stopAll());

  /** Each client's feed and notifications, read through `url`, against the World. */
  async function expectEveryFeedExact(url: string) {
    await pipeline.settle();
    for (const client of clients) {
      expect({ member: client.id, feed: await client.feed(url) }).toEqual({
        member: client.id,
        feed: world.feedOf(client.id),
      });
      expect({ member: client.id, notifications: await client.notifications(url) }).toEqual({
        member: client.id,
        notifications: world.notificationsOf(client.id),
      });
    }
  }

  it('runs one relay leader and one standby, and splits the six partitions between the feed consumers', async () => {
    await waitFor(
      'one relay to lead and the other to stand by',
      () =>
        many.activity
          .map((a) => a.relay.state())
          .sort()
          .join() === 'leader,standby',
    );
    const gauges = await Promise.all(
      many.activity.map((a) => scraped(a.opsUrl, 'activity_outbox_relay_leader')),
    );
    expect(gauges.sort()).toEqual([0, 1]);
    await waitFor('the two consumers to split the partitions', () => {
      const [first = [], second = []] = many.feed.map((f) =>
        f.server.consumer?.assignedPartitions(),
      );
      const all = [...first, ...second].sort((a, b) => a - b);
      return first.length > 0 && second.length > 0 && all.join() === ALL_PARTITIONS.join();
    });
  });

  it('serves sign-ups, logins, refreshes, follows, posts and likes through both gateways alternately, and every feed ends exact', async () => {
    for (let i = 0; i < MEMBERS; i += 1)
      clients.push(new Client(await signUpAndLogin({ url: via(i), inbox: many.inbox })));
    // A refresh through the gateway the login did not use; the rotated token is the one kept.
    for (const [i, client] of clients.entries()) await client.refresh(via(i + 1));
    // One client's two tabs refresh the same token at once, one through each gateway (and so,
    // here, each members instance): both get the same new pair, within the grace window.
    const racer = clients[0];
    const raced = await Promise.all(
      gateways.map((url) =>
        expectData(url, { query: OPERATIONS.refresh, variables: { t: racer.member.refreshToken } }),
      ),
    );
    const [firstTab, secondTab] = raced.map((answer) => answer.refreshToken);
    expect(secondTab.refreshToken).toBe(firstTab.refreshToken);
    Object.assign(racer.member, firstTab);
    let turn = 0;
    for (const [i, client] of clients.entries()) {
      for (const step of [1, 2])
        await client.follow(via(turn++), world, clients[(i + step) % MEMBERS]);
    }
    for (let round = 0; round < 3; round += 1)
      for (const client of clients) await client.post(via(turn++), world, `round ${round}`);
    for (const [i, client] of clients.entries()) {
      const followee = clients[(i + 1) % MEMBERS];
      const theirs = [...world.authorOf].filter(([, author]) => author === followee.id);
      for (const [postId] of theirs.slice(0, 2)) await client.like(via(turn++), world, postId);
    }
    await expectEveryFeedExact(via(0));
    await expectEveryFeedExact(via(1));
    const applied = await Promise.all(
      many.feed.map((f) => metricValue(f.registry, 'feed_events_total', { outcome: 'applied' })),
    );
    expect(applied.every((count) => count > 0)).toBe(true);
    // Both instances of each subgraph answered: the gateways' calls alternate between them.
    for (const service of ['members', 'activity', 'feed'] as const) {
      const served = [...many.balancers[service].served.values()];
      expect({ service, instances: served.filter((count) => count > 0).length }).toEqual({
        service,
        instances: 2,
      });
    }
  });

  it('shares rate limits: a limit reached through one gateway holds on the other', async () => {
    const [locked, liker, author] = clients;
    // Login failures per account: three wrong passwords through the first gateway...
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const wrong = await liker.try(via(0), OPERATIONS.login, {
        e: locked.member.email,
        p: 'not the password at all',
      });
      expect(wrong.body.errors?.[0]?.extensions?.reason).toBe('INVALID_CREDENTIALS');
    }
    // ...and the right one through the second is refused.
    const refused = await liker.try(via(1), OPERATIONS.login, {
      e: locked.member.email,
      p: locked.member.password,
    });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    // A like's changes per hour: four through the first gateway, the fifth through the second.
    const postId = await author.post(via(0), world, 'like me, or not');
    for (const liked of [true, false, true, false]) await liker.like(via(0), world, postId, liked);
    const storm = await liker.try(via(1), OPERATIONS.like, { id: postId });
    expect(storm.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  });

  it('refuses a token logged out through one gateway on the other at once', async () => {
    const client = clients[3];
    for (const url of [...gateways, ...gateways]) await client.call(url, OPERATIONS.me);
    await client.call(via(0), OPERATIONS.logout, { t: client.member.refreshToken });
    const next = await client.try(via(1), OPERATIONS.me);
    expect(next.status).toBe(401);
    expect(next.body.errors?.[0]?.extensions?.reason).toBe('TOKEN_REVOKED');
    const refresh = await client.try(via(1), OPERATIONS.refresh, { t: client.member.refreshToken });
    expect(refresh.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await client.login(via(1));
  });

  it('sweeps and prunes once per period, not once per instance', async () => {
    const [first, second] = many.members;
    expect(await first.server.scheduledSweep()).toEqual({ sessions: 0, tokens: 0 });
    expect(await second.server.scheduledSweep()).toBeNull();
    await sqlOf(many.db.feed.orm.em.fork()).run(
      "insert into processed_events (event_id, event_type, processed_at) values ('ancient', 'post.created', '2000-01-01 00:00:00')",
    );
    const ticks = [];
    for (const feed of many.feed) ticks.push(await feed.server.pruner?.tick());
    expect(ticks).toEqual([true, false]);
    const [ancient] = await sqlOf(many.db.feed.orm.em.fork()).all<{ n: number | string }>(
      "select count(*) as n from processed_events where event_id = 'ancient'",
    );
    expect(Number(ancient?.n)).toBe(0);
  });

  it('stops one instance of each service mid-traffic, the relay leader among them, and loses nothing acknowledged', async () => {
    const [one, other] = many.activity;
    const [leader, standby] = one.relay.state() === 'leader' ? [one, other] : [other, one];
    const published = (a: ActivityInstance) =>
      metricValue(a.registry, 'activity_outbox_published_total');
    // Until now only the leader has ever published.
    await pipeline.settle();
    expect(await published(standby)).toBe(0);
    expect(await published(leader)).toBe((await pipeline.outboxEventIds()).length);

    // Clients now go through the gateways' balancer, as behind compose's nginx.
    const url = `${many.balancers.gateway.url}/graphql`;
    const failures: string[] = [];
    const leaderCounts = new Set<number>();
    let done = false;
    const traffic = (async () => {
      for (let i = 0; !done && i < 400; i += 1) {
        const client = clients[i % MEMBERS];
        const other = clients[(i * 3 + 1) % MEMBERS];
        try {
          if (i % 4 === 0) await client.post(url, world, `mid-traffic ${i}`);
          else if (i % 4 === 1 && other !== client) await client.follow(url, world, other);
          else if (i % 4 === 2) await client.refresh(url);
          else {
            const [postId] = [...world.authorOf].reverse().find(([, a]) => a !== client.id) ?? [];
            if (postId) await client.like(url, world, postId);
          }
        } catch (error) {
          failures.push((error as Error).message);
        }
        leaderCounts.add(leaders().length);
      }
    })();
    const afterMoreWrites = async (count: number) => {
      const target = world.acknowledged + count;
      await waitFor(`${count} more acknowledged writes`, () => world.acknowledged >= target);
    };
    await afterMoreWrites(5);
    await many.stop(many.gateways[0]);
    await afterMoreWrites(5);
    await many.stop(many.members[0]);
    await afterMoreWrites(5);
    await many.stop(leader);
    await waitFor('the standby relay to take the lead', () => standby.relay.state() === 'leader');
    await afterMoreWrites(5);
    await many.stop(many.feed[0]);
    const survivor = many.feed[1].server.consumer;
    await waitFor(
      'the surviving consumer to hold every partition',
      () => survivor?.assignedPartitions().join() === ALL_PARTITIONS.join(),
    );
    await afterMoreWrites(10);
    done = true;
    await traffic;
    expect(failures).toEqual([]);
    expect([...many.balancers.gateway.served.values()].every((count) => count > 0)).toBe(true);
    // Never two relays at once; at most one while the lock changed hands.
    expect([...leaderCounts].every((count) => count <= 1)).toBe(true);

    await pipeline.settle();
    const events = await pipeline.topicEventIds();
    const outbox = await pipeline.outboxEventIds();
    expect(new Set(events).size).toBe(events.length);
    expect([...events].sort()).toEqual([...outbox].sort());
    expect((await published(leader)) + (await published(standby))).toBe(events.length);
    expect(await published(standby)).toBeGreaterThan(0);
    const applied = await Promise.all(
      many.feed.map((f) => metricValue(f.registry, 'feed_events_total', { outcome: 'applied' })),
    );
    expect(applied[0] + applied[1]).toBe(events.length);
    await expectEveryFeedExact(url);
  });
});
