import {
  createLogger,
  createRedis,
  createRemoteVerifier,
  onShutdown,
  runMain,
  startTracing,
} from '@social/kit';
import { createKafka, ensureTopics } from '@social/kit/kafka';
import { createOrm } from '@social/kit/orm';
import { consumerTopics, loadConfig } from './config';
import { entities } from './entities';
import { migrations } from './migrations';
import { createServer } from './server';

// An invalid environment throws here, every problem listed, before anything starts.
const config = loadConfig();
const logger = createLogger('feed', config.log.level);

runMain(logger, async () => {
  const tracing = startTracing('feed', config.tracing);
  const orm = await createOrm({
    mysqlUrl: config.db.mysqlUrl,
    dbName: config.db.name,
    entities,
    migrations,
    logger,
  });
  const redis = createRedis(config.redis.url, logger);
  const kafka = createKafka({ clientId: 'feed', brokers: config.kafka.brokers, logger });
  await ensureTopics(kafka, consumerTopics(config.consumer));
  const server = await createServer(config, {
    orm,
    logger,
    kafka,
    verifier: createRemoteVerifier(config.auth.jwksUrl),
    redis,
  });
  // The server closes HTTP, then the prune and the consumer; Redis and their pool go last.
  onShutdown(logger, [
    () => server.stop(),
    () => redis.quit(),
    () => orm.close(),
    () => tracing.shutdown(),
  ]);
  const port = await server.listen(config.http.port, config.http.host);
  const opsPort = await server.listenOps(config.http.opsPort, config.http.host);
  logger.info(
    { port, opsPort, topic: config.consumer.topic, groupId: config.consumer.groupId },
    'feed subgraph listening',
  );
});
