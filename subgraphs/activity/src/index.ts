import { TOPICS } from '@social/events';
import {
  createLogger,
  createRedis,
  createRemoteVerifier,
  onShutdown,
  runMain,
  startTracing,
} from '@social/kit';
import { createKafka } from '@social/kit/kafka';
import { createOrm } from '@social/kit/orm';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { loadConfig, type Config } from './config';
import { entities } from './entities';
import { createMembersDirectory } from './members/user-directory';
import { migrations } from './migrations';
import { createOutboxRelay, createOutboxSignal } from '@social/kit/outbox';
import { createServer } from './server';

async function main(config: Config): Promise<void> {
  const tracing = startTracing('activity', config.tracing);
  const logger = createLogger('activity', config.log.level);
  const orm = await createOrm({
    mysqlUrl: config.mysql.url,
    dbName: config.mysql.dbName,
    entities,
    migrations,
    logger,
  });
  const redis = createRedis(config.redis.url, logger);
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const outbox = createOutboxSignal();
  const kafka = createKafka({ clientId: 'activity', brokers: config.kafka.brokers, logger });
  // Topics are ensured by the relay when it leads, so a broker that is down at boot only
  // delays events: writes are served meanwhile.
  const relay = createOutboxRelay({
    service: 'activity',
    orm,
    kafka,
    logger,
    signal: outbox,
    registry,
    topics: TOPICS,
    settings: config.relay,
  });
  const server = await createServer(config, {
    orm,
    logger,
    verifier: createRemoteVerifier(config.members.jwksUrl),
    redis,
    users: createMembersDirectory({
      url: config.members.graphqlUrl,
      gatewaySecret: config.gatewaySecret,
    }),
    outbox,
    relay,
    registry,
    kafka,
  });
  relay.start();
  const port = await server.listen(config.http.port, config.http.host);
  const opsPort = await server.listenOps(config.http.opsPort, config.http.host);
  logger.info({ port, opsPort }, 'activity subgraph listening');
  onShutdown(logger, [
    () => server.stop(),
    () => relay.stop(),
    () => redis.quit(),
    () => orm.close(),
    () => tracing.shutdown(),
  ]);
}

// Until the configuration is read, failures (an invalid environment among them) are logged
// by a logger at the kit's default level.
runMain(createLogger('activity'), () => main(loadConfig()));
