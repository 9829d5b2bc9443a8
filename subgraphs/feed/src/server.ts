import type { MikroORM } from '@mikro-orm/mysql';
import type { AccessTokenVerifier } from '@social/auth';
import {
  createGraphQLService,
  createRevocationCache,
  createViewerAuth,
  systemClock,
  type Clock,
  type Logger,
  type Redis,
} from '@social/kit';
import type { Kafka } from '@social/kit/kafka';
import { Registry, collectDefaultMetrics } from 'prom-client';
import type { Config } from './config';
import type { FeedContext } from './context';
import { createFeedConsumer } from './consumer/feed-consumer';
import { createProcessedEventsPruner } from './maintenance/processed-events-prune';
import { buildFeedSchema } from './schema';

export interface FeedDeps {
  orm: MikroORM;
  logger: Logger;
  verifier: AccessTokenVerifier;
  /** Revoked sessions: a logged-out token is refused here too (401 TOKEN_REVOKED). */
  redis: Redis;
  /** With a client the server also runs the background work: the consumer and the prune. */
  kafka?: Kafka;
  /** /metrics; the consumer's lag and outcomes go here too. A fresh one by default. */
  registry?: Registry;
  clock?: Clock;
}

/**
 * The feed service without a port: the GraphQL app and, given Kafka, the consumer and the
 * processed_events prune. `listen()` starts the background work, then serves; `stop()` closes
 * HTTP first so nothing new arrives, then drains the prune and the consumer (the ORM is the
 * caller's, closed after).
 */
export async function createServer(config: Config, deps: FeedDeps) {
  const clock = deps.clock ?? systemClock;
  const registry = deps.registry ?? new Registry();
  if (!deps.registry) collectDefaultMetrics({ register: registry });
  const { orm, logger } = deps;
  const consumer = deps.kafka
    ? createFeedConsumer({
        kafka: deps.kafka,
        em: orm.em,
        logger,
        config: config.feed,
        consumer: config.consumer,
        registry,
        clock,
      })
    : null;
  const pruner = consumer
    ? createProcessedEventsPruner({
        em: orm.em,
        logger,
        clock,
        redis: deps.redis,
        periodKey: `${config.redis.keyPrefix}prune-period`,
        ...config.prune,
      })
    : null;
  const { schema } = await buildFeedSchema();
  const revocations = createRevocationCache(deps.redis, { logger });
  const viewerOf = createViewerAuth(deps.verifier, revocations.isRevoked);
  const service = await createGraphQLService<FeedContext>({
    name: 'feed',
    schema,
    logger,
    production: config.production,
    gatewaySecret: config.gatewaySecret,
    queryLimits: config.queryLimits,
    registry,
    readiness: {
      mysql: async () => void (await orm.em.getConnection().execute('select 1')),
      ...(consumer ? { consumer: consumer.ready } : {}),
    },
    context: async ({ req }) => ({
      em: orm.em.fork(),
      log: req.log,
      viewer: await viewerOf(req),
      maxEntries: config.feed.maxEntries,
      clock,
    }),
  });
  return {
    ...service,
    consumer,
    pruner,
    async listen(port: number, host?: string): Promise<number> {
      if (consumer) await consumer.start();
      pruner?.start();
      return service.listen(port, host);
    },
    async stop(): Promise<void> {
      await service.stop();
      await pruner?.stop();
      if (consumer && consumer.state() !== 'stopped') await consumer.stop();
      await revocations.close();
    },
  };
}

export type FeedServer = Awaited<ReturnType<typeof createServer>>;
