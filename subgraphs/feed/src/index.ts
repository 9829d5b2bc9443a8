import { ACTIVITY_TOPIC, DEAD_LETTER_TOPIC } from '@social/events';
import { createLogger, createRemoteVerifier, onShutdown, runMain } from '@social/kit';
import { createKafka, ensureTopics } from '@social/kit/kafka';
import { createOrm } from '@social/kit/orm';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { createFeedConsumer } from './consumer/feed-consumer';
import { createProcessedEventsPruner } from './consumer/processed-events-prune';
import { entities } from './entities';
import { jwksUrl, loadEnv } from './env';
import { migrations } from './migrations';
import { createServer } from './server';

const logger = createLogger('feed', process.env.LOG_LEVEL);

runMain(logger, async () => {
  const env = loadEnv();
  const orm = await createOrm({
    mysqlUrl: env.MYSQL_URL,
    dbName: env.FEED_DB,
    entities,
    migrations,
    logger,
  });
  const kafka = createKafka({ clientId: 'feed', brokers: env.KAFKA_BROKERS, logger });
  await ensureTopics(kafka, [
    { ...ACTIVITY_TOPIC, topic: env.FEED_TOPIC },
    { ...DEAD_LETTER_TOPIC, topic: env.FEED_DEAD_LETTER_TOPIC },
  ]);
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const consumer = createFeedConsumer({
    kafka,
    em: orm.em,
    logger,
    config: {
      fanoutMaxFollowers: env.FEED_FANOUT_MAX_FOLLOWERS,
      maxEntries: env.FEED_MAX_ENTRIES,
      batchSize: env.FEED_FANOUT_BATCH_SIZE,
    },
    topic: env.FEED_TOPIC,
    deadLetterTopic: env.FEED_DEAD_LETTER_TOPIC,
    groupId: env.FEED_GROUP_ID,
    registry,
    lagIntervalMs: env.FEED_LAG_INTERVAL_MS,
    sessionTimeoutMs: env.FEED_SESSION_TIMEOUT_MS,
    txMaxEvents: env.FEED_TX_MAX_EVENTS,
    partitionsConcurrently: env.FEED_PARTITIONS_CONCURRENTLY,
  });
  const server = await createServer({
    orm,
    logger,
    verifier: createRemoteVerifier(jwksUrl(env)),
    maxEntries: env.FEED_MAX_ENTRIES,
    production: env.NODE_ENV === 'production',
    registry,
    readiness: { consumer: consumer.ready },
  });
  const pruner = createProcessedEventsPruner({
    em: orm.em,
    logger,
    retentionMs: env.FEED_PROCESSED_RETENTION_SECONDS * 1000,
  });
  // HTTP first so nothing new arrives, then drain the consumer and the prune, then their pool.
  onShutdown(logger, [
    () => server.stop(),
    () => pruner.stop(),
    () => consumer.stop(),
    () => orm.close(),
  ]);
  await consumer.start();
  pruner.start();
  const port = await server.listen(env.FEED_PORT, env.HOST);
  logger.info(
    { port, topic: env.FEED_TOPIC, groupId: env.FEED_GROUP_ID },
    'feed subgraph listening',
  );
});
