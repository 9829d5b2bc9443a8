import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createKeyStore, type KeyStore } from '@social/auth';
import { createRedis, createRemoteVerifier, type Closer } from '@social/kit';
import { createOutboxRelay, createOutboxSignal, type OutboxRelay } from '@social/kit/outbox';
import { createKafka, ensureTopics } from '@social/kit/kafka';
import { createOrm, type MigrationEntry, type OrmOptions } from '@social/kit/orm';
import {
  createTestOrm,
  silentLogger,
  startSmtpInbox,
  TEST_KAFKA_BROKERS,
  TEST_MYSQL_URL,
  uniqueName,
  type SmtpInbox,
  type TestOrm,
} from '@social/testkit';
import { Registry } from 'prom-client';
import { loadConfig as loadActivityConfig } from '../../subgraphs/activity/src/config';
import { entities as activityEntities } from '../../subgraphs/activity/src/entities';
import { createMembersDirectory } from '../../subgraphs/activity/src/members/user-directory';
import { migrations as activityMigrations } from '../../subgraphs/activity/src/migrations';
import { createServer as createActivity } from '../../subgraphs/activity/src/server';
import { loadConfig as loadFeedConfig } from '../../subgraphs/feed/src/config';
import { entities as feedEntities } from '../../subgraphs/feed/src/entities';
import { migrations as feedMigrations } from '../../subgraphs/feed/src/migrations';
import { createServer as createFeed, type FeedServer } from '../../subgraphs/feed/src/server';
import { loadConfig as loadMembersConfig } from '../../subgraphs/members/src/config';
import { entities as membersEntities } from '../../subgraphs/members/src/entities';
import { createMailer } from '../../subgraphs/members/src/mail/mailer';
import { migrations as membersMigrations } from '../../subgraphs/members/src/migrations';
import {
  createServer as createMembers,
  type MembersServer,
} from '../../subgraphs/members/src/server';
import { loadConfig as loadGatewayConfig } from '../../gateway/src/config';
import { createServer as createGateway } from '../../gateway/src/server';
import { startBalancer, type Balancer } from './balancer';

export type ServiceName = 'gateway' | 'members' | 'activity' | 'feed';

/** One running instance: its own ORM pool, Redis client and Kafka client, as a process has. */
export interface Instance {
  service: ServiceName;
  /** http://127.0.0.1:<port>: what its balancer forwards to. */
  url: string;
  /** Its operations server (/metrics, /readyz). */
  opsUrl: string;
  stopped: boolean;
}
export interface MembersInstance extends Instance {
  server: MembersServer;
}
export interface ActivityInstance extends Instance {
  relay: OutboxRelay;
  registry: Registry;
}
export interface FeedInstance extends Instance {
  server: FeedServer;
  registry: Registry;
}

export type Pair<T> = [T, T];

export interface Instances {
  /** The activity-events topic of this run (6 partitions, like the real one) and the feed's group. */
  topic: string;
  groupId: string;
  inbox: SmtpInbox;
  /** The test's own connection to each service's one database. */
  db: Record<'members' | 'activity' | 'feed', TestOrm>;
  /** One balancer in front of each service: clients use `balancers.gateway`. */
  balancers: Record<ServiceName, Balancer>;
  gateways: Pair<Instance>;
  members: Pair<MembersInstance>;
  activity: Pair<ActivityInstance>;
  feed: Pair<FeedInstance>;
  /** Drains the instance from its balancer, then stops it as its index.ts does on SIGTERM. */
  stop(instance: Instance): Promise<void>;
  stopAll(): Promise<void>;
}

/**
 * Two instances of every service against one database per service, one Redis and one broker,
 * each service behind a balancer: the gateways reach the subgraphs, and activity reaches
 * members, only through them. `env` is parsed by every service as its own environment.
 */
export async function startInstances(env: Record<string, string> = {}): Promise<Instances> {
  const topic = uniqueName('many-events');
  const groupId = uniqueName('many-feed');
  const kafka = createKafka({
    clientId: groupId,
    brokers: TEST_KAFKA_BROKERS,
    logger: silentLogger,
  });
  await ensureTopics(kafka, [
    { topic, numPartitions: 6 },
    { topic: `${topic}.dlq`, numPartitions: 1 },
    { topic: `${topic}.members`, numPartitions: 6 },
  ]);
  const [members, activity, feed] = await Promise.all([
    createTestOrm({
      prefix: 'many_members',
      entities: membersEntities,
      migrations: membersMigrations,
    }),
    createTestOrm({
      prefix: 'many_activity',
      entities: activityEntities,
      migrations: activityMigrations,
    }),
    createTestOrm({ prefix: 'many_feed', entities: feedEntities, migrations: feedMigrations }),
  ]);
  const inbox = await startSmtpInbox();
  const balancers = {
    gateway: await startBalancer(),
    members: await startBalancer(),
    activity: await startBalancer(),
    feed: await startBalancer(),
  };
  const shared = {
    NODE_ENV: 'test',
    // The gateway credential on, as in production: every subgraph answers only signed requests.
    GATEWAY_SECRET: randomBytes(32).toString('hex'),
    MYSQL_URL: TEST_MYSQL_URL,
    MEMBERS_DB: members.dbName,
    ACTIVITY_DB: activity.dbName,
    FEED_DB: feed.dbName,
    KAFKA_BROKERS: TEST_KAFKA_BROKERS.join(','),
    ...(process.env.REDIS_URL && { REDIS_URL: process.env.REDIS_URL }),
    SMTP_URL: inbox.url,
    // The balancers are on loopback: they speak for the client.
    TRUSTED_PROXIES: '127.0.0.1',
    MEMBERS_URL: `${balancers.members.url}/graphql`,
    ACTIVITY_URL: `${balancers.activity.url}/graphql`,
    FEED_URL: `${balancers.feed.url}/graphql`,
    JWKS_URL: `${balancers.members.url}/.well-known/jwks.json`,
    FEED_TOPIC: topic,
    FEED_DEAD_LETTER_TOPIC: `${topic}.dlq`,
    FEED_MEMBER_TOPIC: `${topic}.members`,
    FEED_GROUP_ID: groupId,
    FEED_LAG_INTERVAL_MS: '200',
    ...env,
  };
  // Every instance of a service shares its key prefix, as in production; the run has its own.
  const prefix = `many-test:${process.pid}:${randomBytes(4).toString('hex')}:`;
  const keyStore = createKeyStore(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
  const closers = new Map<Instance, Closer[]>();
  const ctx: StartContext = { env: shared, prefix, keyStore, topic, closers };

  const started = {
    members: await pair(() => startMembersInstance(ctx)),
    activity: await pair(() => startActivityInstance(ctx)),
    feed: await pair(() => startFeedInstance(ctx)),
    gateways: await pair(() => startGatewayInstance(ctx)),
  };
  for (const each of [started.members, started.activity, started.feed, started.gateways].flat())
    balancers[each.service].add(each.url);

  const stop = async (instance: Instance) => {
    if (instance.stopped) return;
    instance.stopped = true;
    balancers[instance.service].drain(instance.url);
    for (const close of closers.get(instance) ?? []) await close();
  };
  return {
    topic,
    groupId,
    inbox,
    db: { members, activity, feed },
    balancers,
    ...started,
    stop,
    stopAll: async () => {
      for (const each of [started.gateways, started.feed, started.activity, started.members])
        await Promise.all(each.map(stop));
      for (const balancer of Object.values(balancers)) await balancer.close();
      await Promise.all([members.close(), activity.close(), feed.close()]);
      await inbox.close();
    },
  };
}

interface StartContext {
  env: Record<string, string>;
  prefix: string;
  keyStore: KeyStore;
  topic: string;
  closers: Map<Instance, Closer[]>;
}

async function pair<T>(start: () => Promise<T>): Promise<Pair<T>> {
  const [first, second] = await Promise.all([start(), start()]);
  return [first, second];
}

/** What a service listens with: its public port and its operations port. */
interface Listening {
  listen(port: number): Promise<number>;
  listenOps(port: number): Promise<number>;
}

/** Listens on free ports and remembers how the instance stops (its index.ts's order). */
async function listening<T extends object>(
  ctx: StartContext,
  service: ServiceName,
  server: Listening,
  parts: T,
  closers: Closer[],
): Promise<Instance & T> {
  const origin = (port: number) => `http://127.0.0.1:${port}`;
  const instance = {
    service,
    url: origin(await server.listen(0)),
    opsUrl: origin(await server.listenOps(0)),
    stopped: false,
    ...parts,
  };
  ctx.closers.set(instance, closers);
  return instance;
}

/** What one process of a subgraph opens for itself: a pool, a Redis client, a Kafka client. */
async function connect(
  service: ServiceName,
  redisUrl: string,
  database: { name: string; entities: OrmOptions['entities']; migrations: MigrationEntry[] },
) {
  const orm = await createOrm({
    mysqlUrl: TEST_MYSQL_URL,
    dbName: database.name,
    entities: database.entities,
    migrations: database.migrations,
    logger: silentLogger,
  });
  const redis = createRedis(redisUrl);
  const kafka = createKafka({
    clientId: service,
    brokers: TEST_KAFKA_BROKERS,
    logger: silentLogger,
  });
  return { orm, redis, kafka, registry: new Registry() };
}

async function startMembersInstance(ctx: StartContext): Promise<MembersInstance> {
  const config = loadMembersConfig(ctx.env);
  config.redis.keyPrefix = `${ctx.prefix}members:`;
  const { orm, redis } = await connect('members', config.redis.url, {
    name: config.mysql.database,
    entities: membersEntities,
    migrations: membersMigrations,
  });
  const mailer = createMailer({ ...config.mail, logger: silentLogger });
  const deps = { orm, logger: silentLogger, redis, keyStore: ctx.keyStore, mailer };
  const server = await createMembers(config, deps);
  return listening(ctx, 'members', server, { server }, [
    () => server.stop(),
    () => redis.quit(),
    () => orm.close(),
  ]);
}

async function startActivityInstance(ctx: StartContext): Promise<ActivityInstance> {
  const config = loadActivityConfig(ctx.env);
  config.redis.keyPrefix = `${ctx.prefix}activity:`;
  const { orm, redis, kafka, registry } = await connect('activity', config.redis.url, {
    name: config.mysql.dbName,
    entities: activityEntities,
    migrations: activityMigrations,
  });
  const signal = createOutboxSignal();
  // The run's topic instead of each row's; a standby asks for the lock ten times a second.
  const relay = createOutboxRelay({
    service: 'activity',
    orm,
    kafka,
    logger: silentLogger,
    signal,
    registry,
    topic: ctx.topic,
    topics: [{ topic: ctx.topic, numPartitions: 6 }],
    settings: { ...config.relay, pollIntervalMs: 50, standbyIntervalMs: 100, maxBackoffMs: 500 },
  });
  const server = await createActivity(config, {
    orm,
    logger: silentLogger,
    verifier: createRemoteVerifier(config.members.jwksUrl),
    redis,
    users: createMembersDirectory({
      url: config.members.graphqlUrl,
      gatewaySecret: config.gatewaySecret,
    }),
    outbox: signal,
    relay,
    registry,
  });
  relay.start();
  // index.ts's order: HTTP first, then the relay (its batch in hand), then the connections.
  return listening(ctx, 'activity', server, { relay, registry }, [
    () => server.stop(),
    () => relay.stop(),
    () => redis.quit(),
    () => orm.close(),
  ]);
}

async function startFeedInstance(ctx: StartContext): Promise<FeedInstance> {
  const config = loadFeedConfig(ctx.env);
  config.redis.keyPrefix = `${ctx.prefix}feed:`;
  const { orm, redis, kafka, registry } = await connect('feed', config.redis.url, {
    name: config.db.name,
    entities: feedEntities,
    migrations: feedMigrations,
  });
  const server = await createFeed(config, {
    orm,
    logger: silentLogger,
    verifier: createRemoteVerifier(config.auth.jwksUrl),
    redis,
    kafka,
    registry,
  });
  // listen() starts the consumer and the prune's timer; stop() ends HTTP, the prune, the consumer.
  return listening(ctx, 'feed', server, { server, registry }, [
    () => server.stop(),
    () => redis.quit(),
    () => orm.close(),
  ]);
}

async function startGatewayInstance(ctx: StartContext): Promise<Instance> {
  const config = loadGatewayConfig(ctx.env);
  const redis = createRedis(config.redis.url);
  const server = await createGateway(config, {
    logger: silentLogger,
    verifier: createRemoteVerifier(config.auth.jwksUrl),
    redis,
  });
  return listening(ctx, 'gateway', server, {}, [() => server.stop(), () => redis.quit()]);
}
