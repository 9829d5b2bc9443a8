import {
  createKafka,
  createLogger,
  createOrm,
  createRemoteVerifier,
  onShutdown,
  runMain,
} from '@social/kit';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { entities } from './entities';
import { loadEnv, membersUrls } from './env';
import { createMembersDirectory } from './members/user-directory';
import { migrations } from './migrations';
import { createOutboxSignal } from './outbox/outbox.signal';
import { createOutboxRelay } from './outbox/relay';
import { createServer } from './server';
import { withoutForeignSignalHandlers } from './shutdown-signals';

const logger = createLogger('activity', process.env.LOG_LEVEL);

runMain(logger, async () => {
  const env = loadEnv();
  const urls = membersUrls(env);
  const orm = await createOrm({
    mysqlUrl: env.MYSQL_URL,
    dbName: env.ACTIVITY_DB,
    entities,
    migrations,
    logger,
  });
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const outbox = createOutboxSignal();
  const kafka = createKafka({ clientId: 'activity', brokers: env.KAFKA_BROKERS, logger });
  // Topics are ensured by the relay when it leads, so a broker that is down at boot only
  // delays events: writes are served meanwhile.
  const relay = createOutboxRelay({
    orm,
    kafka,
    logger,
    signal: outbox,
    registry,
    batchSize: env.OUTBOX_BATCH_SIZE,
    pollIntervalMs: env.OUTBOX_POLL_MS,
    retentionMs: env.OUTBOX_RETENTION_SECONDS * 1000,
  });
  const server = await withoutForeignSignalHandlers(() =>
    createServer({
      orm,
      logger,
      verifier: createRemoteVerifier(urls.jwks),
      users: createMembersDirectory({ url: urls.graphql }),
      outbox,
      relay,
      registry,
      production: env.NODE_ENV === 'production',
    }),
  );
  relay.start();
  const port = await server.listen(env.ACTIVITY_PORT, env.HOST);
  logger.info({ port }, 'activity subgraph listening');
  onShutdown(logger, [() => server.stop(), () => relay.stop(), () => orm.close()]);
});
