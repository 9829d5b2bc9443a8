import path from 'node:path';
import { createTestOrm, expectData, graphql, silentLogger, type TestOrm } from '@social/testkit';
import { createServer as createActivity } from '../../subgraphs/activity/src/server';
import { entities as activityEntities } from '../../subgraphs/activity/src/entities';
import { migrations as activityMigrations } from '../../subgraphs/activity/src/migrations';
import { createServer as createFeed } from '../../subgraphs/feed/src/server';
import { entities as feedEntities } from '../../subgraphs/feed/src/entities';
import { migrations as feedMigrations } from '../../subgraphs/feed/src/migrations';
import { createServer as createMembers } from '../../subgraphs/members/src/server';
import { entities as membersEntities } from '../../subgraphs/members/src/entities';
import { migrations as membersMigrations } from '../../subgraphs/members/src/migrations';
import { createServer as createGateway } from '../src/server';

const supergraphPath = path.resolve(__dirname, '..', '..', 'schema', 'supergraph.graphql');

describe('a request through the gateway to the real subgraphs', () => {
  const orms: TestOrm[] = [];
  const stops: Array<() => Promise<void>> = [];
  let url: string;
  let members: TestOrm;
  let activity: TestOrm;

  beforeAll(async () => {
    members = await createTestOrm({ prefix: 'gw_members', entities: membersEntities, migrations: membersMigrations });
    activity = await createTestOrm({ prefix: 'gw_activity', entities: activityEntities, migrations: activityMigrations });
    const feed = await createTestOrm({ prefix: 'gw_feed', entities: feedEntities, migrations: feedMigrations });
    orms.push(members, activity, feed);
    const urls: Record<string, string> = {};
    for (const [name, create, orm] of [
      ['members', createMembers, members],
      ['activity', createActivity, activity],
      ['feed', createFeed, feed],
    ] as const) {
      const server = await create({ orm: orm.orm, logger: silentLogger });
      urls[name] = `http://127.0.0.1:${await server.listen(0)}/graphql`;
      stops.push(() => server.stop());
    }
    const gateway = await createGateway({ logger: silentLogger, supergraphPath, subgraphUrls: urls });
    url = `http://127.0.0.1:${await gateway.listen(0)}/graphql`;
    stops.unshift(() => gateway.stop());
  });

  afterAll(async () => {
    for (const stop of stops) await stop();
    for (const orm of orms) await orm.close();
  });

  it('answers { __typename }', async () => {
    expect(await expectData(url, { query: '{ __typename }' })).toEqual({ __typename: 'Query' });
  });

  it('plans a query across members and activity and returns both parts', async () => {
    const alice = '0190c5a0-0000-7000-8000-00000000000a';
    const bob = '0190c5a0-0000-7000-8000-00000000000b';
    await members.orm.em.getConnection().execute(
      `insert into users (id, handle, display_name, greeting, avatar_url, created_at) values
       (?, 'alice', 'Alice', 'Hello', 'https://example.test/a.png', now(3)),
       (?, 'bob', 'Bob', 'Hi', 'https://example.test/b.png', now(3))`,
      [alice, bob],
    );
    await activity.orm.em.getConnection().execute(
      'insert into follows (follower_id, followee_id, created_at) values (?, ?, now(3))',
      [bob, alice],
    );
    const data = await expectData(url, {
      query: 'query($handle: String) { user(handle: $handle) { id handle displayName followerCount followingCount } }',
      variables: { handle: 'ALICE' },
    });
    expect(data).toEqual({
      user: { id: alice, handle: 'alice', displayName: 'Alice', followerCount: 1, followingCount: 0 },
    });
  });

  it('answers /readyz only when every subgraph answers', async () => {
    const response = await fetch(new URL('/readyz', url));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ready',
      checks: { members: 'ok', activity: 'ok', feed: 'ok' },
    });
  });

  it('answers a malformed query with a coded error and no internals', async () => {
    const response = await graphql(url, { query: '{ user(id: "x", handle: "y") { id } }' });
    expect(response.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(response.body)).not.toMatch(/stack|\.ts:|select /i);
  });
});
