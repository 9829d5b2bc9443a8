import { randomBytes } from 'node:crypto';
import { ACTIVITY_TOPIC, MEMBER_TOPIC } from '@social/events';
import {
  createRemoteVerifier,
  createRedis,
  startTracing,
  type Redis,
  type Tracing,
} from '@social/kit';
import { createKafka, ensureTopics } from '@social/kit/kafka';
import {
  createOutboxRelay,
  createOutboxSignal,
  relaySettingsFromEnv,
  type OutboxRelay,
  type OutboxSignal,
} from '@social/kit/outbox';
import {
  TEST_KAFKA_BROKERS,
  createTestOrm,
  silentLogger,
  uniqueName,
  type TestOrm,
} from '@social/testkit';
import { entities as activityEntities } from '../../subgraphs/activity/src/entities';
import { createMembersDirectory } from '../../subgraphs/activity/src/members/user-directory';
import { migrations as activityMigrations } from '../../subgraphs/activity/src/migrations';
import { loadConfig as loadActivityConfig } from '../../subgraphs/activity/src/config';
import { createServer as createActivity } from '../../subgraphs/activity/src/server';
import { loadConfig as loadFeedConfig } from '../../subgraphs/feed/src/config';
import { entities as feedEntities } from '../../subgraphs/feed/src/entities';
import { migrations as feedMigrations } from '../../subgraphs/feed/src/migrations';
import { createServer as createFeed } from '../../subgraphs/feed/src/server';
import {
  signUpAndLogin,
  startMembers,
  type MembersHarness,
  type TestMember,
} from '../../subgraphs/members/test/harness';
import { loadConfig, type Config } from '../../gateway/src/config';
import { createServer as createGateway } from '../../gateway/src/server';

export interface StackOptions {
  /** Every service's Redis (default: this environment's REDIS_URL). */
  redisUrl?: string;
  /** More variables for every service, parsed as each parses its environment. */
  env?: Record<string, string>;
  /**
   * Events flow: members' and activity's relays publish to topics of this stack's own on the
   * test broker, and activity's and the feed's consumers read them, as in production.
   */
  events?: boolean;
}

export interface StackEvents {
  activityTopic: string;
  memberTopic: string;
  /** The feed's group: it reads both topics. */
  feedGroupId: string;
  /** Activity's group on the member topic. */
  activityMemberGroupId: string;
}

export interface TestStack {
  url: string;
  /** Each service's operations server (/readyz, /metrics): http://127.0.0.1:<port>. */
  opsUrls: Record<'gateway' | 'members' | 'activity' | 'feed', string>;
  /** The gateway's configuration: this environment's, pointed at the stack's subgraphs. */
  config: Config;
  members: MembersHarness;
  activity: TestOrm;
  feed: TestOrm;
  redis: Redis;
  /** With `events: true`: the stack's own topics and consumer groups on the test broker. */
  events: StackEvents | null;
  /**
   * Given OTEL_EXPORTER_OTLP_ENDPOINT, the services' one SDK (started as each index.ts does;
   * in one process they share it, see kit tracing.ts); otherwise off. Stopped with the stack.
   */
  tracing: Tracing;
  /** In production mode the subgraphs answer only requests signed with it; else null. */
  gatewaySecret: string | null;
  /** Another gateway instance over the same subgraphs and Redis; stopped with the stack. */
  startGateway(): Promise<string>;
  /** A verified member, made through the real sign-up, mailed link and login. */
  member(handle?: string): Promise<TestMember>;
  stop(): Promise<void>;
}

/**
 * The real gateway in front of the real subgraphs, each on a throwaway database. Tokens come
 * from members' real login and every service verifies them through members' JWKS, as in
 * production. `production: true` puts every service in production mode with a fresh
 * GATEWAY_SECRET: the subgraphs then answer only the gateway (and members, activity).
 */
export async function startStack(
  overrides: Partial<Config> = {},
  options: StackOptions = {},
): Promise<TestStack> {
  const env: Record<string, string> = overrides.production
    ? { NODE_ENV: 'production', GATEWAY_SECRET: randomBytes(32).toString('hex') }
    : {};
  if (options.redisUrl) env.REDIS_URL = options.redisUrl;
  const events = options.events ? await eventTopics() : null;
  if (events) Object.assign(env, events.env);
  Object.assign(env, options.env);
  const base = loadConfig({ ...process.env, ...env });
  const gatewaySecret = base.subgraphs.gatewaySecret;
  const activityConfig = loadActivityConfig(env);
  const feedConfig = loadFeedConfig(env);
  const tracing = startTracing('gateway', base.tracing);
  startTracing('activity', activityConfig.tracing);
  startTracing('feed', feedConfig.tracing);
  const redis = createRedis(base.redis.url);
  const members = await startMembers({ env: { ...env, REDIS_URL: base.redis.url } });
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
  const activityOutbox = createOutboxSignal();
  const relays: OutboxRelay[] = events
    ? [
        startRelay('members', members.orm.orm, events, members.server.members.outbox),
        startRelay('activity', activity.orm, events, activityOutbox),
      ]
    : [];
  const activityServer = await createActivity(activityConfig, {
    orm: activity.orm,
    logger: silentLogger,
    verifier: createRemoteVerifier(jwksUrl),
    redis,
    users: createMembersDirectory({ url: members.url, gatewaySecret }),
    outbox: activityOutbox,
    ...(events && { kafka: events.kafka }),
  });
  const feedServer = await createFeed(feedConfig, {
    orm: feed.orm,
    logger: silentLogger,
    verifier: createRemoteVerifier(jwksUrl),
    redis,
    ...(events && { kafka: events.kafka }),
  });
  const urls = {
    members: members.url,
    activity: `http://127.0.0.1:${await activityServer.listen(0)}/graphql`,
    feed: `http://127.0.0.1:${await feedServer.listen(0)}/graphql`,
  };
  const opsOf = async (server: { listenOps(port: number): Promise<number> }) =>
    `http://127.0.0.1:${await server.listenOps(0)}`;
  const opsUrls = {
    members: await opsOf(members.server),
    activity: await opsOf(activityServer),
    feed: await opsOf(feedServer),
  };
  const config: Config = {
    ...base,
    subgraphs: { ...base.subgraphs, urls },
    auth: { ...base.auth, jwksUrl },
    ...overrides,
  };
  const gateways: Array<Awaited<ReturnType<typeof createGateway>>> = [];
  const startGateway = async () => {
    const gateway = await createGateway(config, {
      logger: silentLogger,
      verifier: createRemoteVerifier(jwksUrl),
      redis,
    });
    gateways.push(gateway);
    return `http://127.0.0.1:${await gateway.listen(0)}/graphql`;
  };
  const url = await startGateway();
  const gatewayOps = gateways[0] ? await opsOf(gateways[0]) : '';
  return {
    url,
    opsUrls: { ...opsUrls, gateway: gatewayOps },
    config,
    members,
    activity,
    feed,
    redis,
    events: events && {
      activityTopic: events.activityTopic,
      memberTopic: events.memberTopic,
      feedGroupId: events.env.FEED_GROUP_ID,
      activityMemberGroupId: events.env.ACTIVITY_MEMBER_GROUP_ID,
    },
    gatewaySecret,
    tracing,
    startGateway,
    // Members answers only the gateway in production, so members are made through it.
    member: (handle) =>
      signUpAndLogin(gatewaySecret ? { ...members, url } : members, handle ? { handle } : {}),
    stop: async () => {
      for (const gateway of gateways) await gateway.stop();
      await activityServer.stop();
      await feedServer.stop();
      for (const relay of relays) await relay.stop();
      await members.stop();
      await activity.close();
      await feed.close();
      await redis.quit();
      await tracing.shutdown();
    },
  };
}

type EventTopics = Awaited<ReturnType<typeof eventTopics>>;

/** Topics and consumer groups of one stack's own on the test broker, as service variables. */
async function eventTopics() {
  const kafka = createKafka({
    clientId: uniqueName('stack'),
    brokers: TEST_KAFKA_BROKERS,
    logger: silentLogger,
  });
  const activityTopic = uniqueName('stack-activity');
  const memberTopic = uniqueName('stack-members');
  const deadLetterTopic = uniqueName('stack-dlq');
  await ensureTopics(kafka, [
    { ...ACTIVITY_TOPIC, topic: activityTopic },
    { ...MEMBER_TOPIC, topic: memberTopic },
    { topic: deadLetterTopic, numPartitions: 1 },
  ]);
  return {
    kafka,
    activityTopic,
    memberTopic,
    env: {
      KAFKA_BROKERS: TEST_KAFKA_BROKERS.join(','),
      FEED_TOPIC: activityTopic,
      FEED_MEMBER_TOPIC: memberTopic,
      FEED_DEAD_LETTER_TOPIC: deadLetterTopic,
      FEED_GROUP_ID: uniqueName('stack-feed'),
      ACTIVITY_MEMBER_TOPIC: memberTopic,
      ACTIVITY_MEMBER_GROUP_ID: uniqueName('stack-activity-members'),
    },
  };
}

/** A service's relay, publishing every row to this stack's topic of the service, polling fast. */
function startRelay(
  service: 'members' | 'activity',
  orm: TestOrm['orm'],
  events: EventTopics,
  signal: OutboxSignal,
): OutboxRelay {
  const relay = createOutboxRelay({
    service,
    orm,
    kafka: events.kafka,
    logger: silentLogger,
    signal,
    topic: service === 'members' ? events.memberTopic : events.activityTopic,
    topics: [],
    settings: relaySettingsFromEnv({
      OUTBOX_BATCH_SIZE: 500,
      OUTBOX_POLL_MS: 50,
      OUTBOX_RETENTION_SECONDS: 3600,
    }),
  });
  relay.start();
  return relay;
}
