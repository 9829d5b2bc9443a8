import type { ActivityEvent } from '@social/events';
import { createRedis, systemClock, type Clock } from '@social/kit';
import { createTestOrm, silentLogger, waitFor } from '@social/testkit';
import { Registry } from 'prom-client';
import type { FeedConfig } from '../../src/config';
import { handleEvent } from '../../src/consumer/event-handler';
import { createServer } from '../../src/server';
import {
  createTestAuth,
  entities,
  FEED_TABLES,
  migrations,
  testServiceConfig,
} from './feed-fixtures';
import type { KafkaHarness } from './kafka-harness';

export interface FeedHarnessOptions {
  /** Prefix of the throwaway database's name. */
  prefix?: string;
  /** The feed's rules; testConfig()'s small ones by default. */
  feed?: Partial<FeedConfig>;
  /** Runs the consumer and the prune on this harness's topics and group, as `index.ts` does. */
  kafka?: KafkaHarness;
  clock?: Clock;
}

/**
 * The real feed server on a throwaway database, with tokens signed by a test key that its
 * verifier trusts. Without `kafka` nothing consumes: tests `apply()` events in-process instead,
 * through the consumer's own handler.
 */
export async function startFeed(options: FeedHarnessOptions = {}) {
  const db = await createTestOrm({ prefix: options.prefix ?? 'feed', entities, migrations });
  const auth = createTestAuth();
  const clock = options.clock ?? systemClock;
  const config = testServiceConfig({ feed: options.feed, consumer: options.kafka?.consumer });
  const registry = new Registry();
  const redis = createRedis(config.redis.url);
  const server = await createServer(config, {
    orm: db.orm,
    logger: silentLogger,
    verifier: auth.verifier,
    redis,
    kafka: options.kafka?.kafka,
    registry,
    clock,
  });
  const baseUrl = `http://127.0.0.1:${await server.listen(0)}`;
  const opsUrl = `http://127.0.0.1:${await server.listenOps(0)}`;
  const { consumer } = server;
  if (consumer)
    await waitFor('the consumer to join its group', () => consumer.state() === 'running');
  return {
    /** The GraphQL endpoint: http://127.0.0.1:<port>/graphql */
    url: `${baseUrl}/graphql`,
    baseUrl,
    /** The operations server, http://127.0.0.1:<port>, for /metrics and /readyz. */
    opsUrl,
    db,
    config,
    server,
    registry,
    consumer,
    headersFor: auth.headers,
    /** Applies events one transaction each, as the consumer does, without the broker. */
    async apply(...events: ActivityEvent[]) {
      const deps = { em: db.orm.em, config: config.feed, clock };
      const outcomes = [];
      for (const event of events) outcomes.push(await handleEvent(event, deps));
      return outcomes;
    },
    truncate: () => db.truncate(...FEED_TABLES),
    stop: async () => {
      await server.stop();
      await redis.quit();
      await db.close();
    },
  };
}

export type FeedHarness = Awaited<ReturnType<typeof startFeed>>;
