import path from 'node:path';
import { createRemoteVerifier, createRedis, type Redis } from '@social/kit';
import { createTestOrm, silentLogger, type TestOrm } from '@social/testkit';
import { entities as activityEntities } from '../../subgraphs/activity/src/entities';
import { createMembersDirectory } from '../../subgraphs/activity/src/members/user-directory';
import { migrations as activityMigrations } from '../../subgraphs/activity/src/migrations';
import { createServer as createActivity } from '../../subgraphs/activity/src/server';
import { entities as feedEntities } from '../../subgraphs/feed/src/entities';
import { migrations as feedMigrations } from '../../subgraphs/feed/src/migrations';
import { createServer as createFeed } from '../../subgraphs/feed/src/server';
import {
  signUpAndLogin,
  startMembers,
  type MembersHarness,
  type TestMember,
} from '../../subgraphs/members/test/harness';
import { createServer as createGateway, type GatewayDeps } from '../src/server';

export const supergraphPath = path.resolve(__dirname, '..', '..', 'schema', 'supergraph.graphql');

export interface TestStack {
  url: string;
  subgraphUrls: Record<string, string>;
  members: MembersHarness;
  activity: TestOrm;
  feed: TestOrm;
  redis: Redis;
  /** A verified member, made through the real sign-up, mailed link and login. */
  member(handle?: string): Promise<TestMember>;
  stop(): Promise<void>;
}

/**
 * The real gateway in front of the real subgraphs, each on a throwaway database. Tokens come
 * from members' real login and every service verifies them through members' JWKS, as in
 * production.
 */
export async function startStack(overrides: Partial<GatewayDeps> = {}): Promise<TestStack> {
  const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const members = await startMembers();
  const jwksUrl = `${members.baseUrl}/.well-known/jwks.json`;
  const activity = await createTestOrm({
    prefix: 'gw_activity',
    entities: activityEntities,
    migrations: activityMigrations,
  });
  const feed = await createTestOrm({
    prefix: 'gw_feed',
    entities: feedEntities,
    migrations: feedMigrations,
  });
  const activityServer = await createActivity({
    orm: activity.orm,
    logger: silentLogger,
    verifier: createRemoteVerifier(jwksUrl),
    users: createMembersDirectory({ url: members.url }),
  });
  const feedServer = await createFeed({
    orm: feed.orm,
    logger: silentLogger,
    verifier: createRemoteVerifier(jwksUrl),
    maxEntries: 800,
  });
  const subgraphUrls = {
    members: members.url,
    activity: `http://127.0.0.1:${await activityServer.listen(0)}/graphql`,
    feed: `http://127.0.0.1:${await feedServer.listen(0)}/graphql`,
  };
  const gateway = await createGateway({
    logger: silentLogger,
    supergraphPath,
    subgraphUrls,
    verifier: createRemoteVerifier(jwksUrl),
    redis,
    ...overrides,
  });
  const url = `http://127.0.0.1:${await gateway.listen(0)}/graphql`;
  return {
    url,
    subgraphUrls,
    members,
    activity,
    feed,
    redis,
    member: (handle) => signUpAndLogin(members, handle ? { handle } : {}),
    stop: async () => {
      await gateway.stop();
      await activityServer.stop();
      await feedServer.stop();
      await members.stop();
      await activity.close();
      await feed.close();
      await redis.quit();
    },
  };
}
