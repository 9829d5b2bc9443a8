import { loadSigningKeys } from '@social/auth';
import {
  createLogger,
  createRedis,
  onShutdown,
  runMain,
  startTracing,
  type Logger,
} from '@social/kit';
import { MEMBER_TOPICS } from '@social/events';
import { createKafka } from '@social/kit/kafka';
import { createOrm } from '@social/kit/orm';
import { createOutboxRelay, createOutboxSignal } from '@social/kit/outbox';
import { loadConfig, type Config } from './config';
import { entities } from './entities';
import { createMailer } from './mail/mailer';
import { migrations } from './migrations';
import { createServer } from './server';

async function main(config: Config, logger: Logger): Promise<void> {
  const tracing = startTracing('members', config.tracing);
  // Production keys only from JWT_SIGNING_KEY / JWT_PUBLISHED_KEYS; dev keys are made once in .dev/keys.
  const keyStore = loadSigningKeys(config.keys);
  const orm = await createOrm({
    mysqlUrl: config.mysql.url,
    dbName: config.mysql.database,
    entities,
    migrations,
    logger,
  });
  const redis = createRedis(config.redis.url, logger);
  const mailer = createMailer({ ...config.mail, logger });
  const outbox = createOutboxSignal();
  const server = await createServer(config, { orm, logger, redis, keyStore, mailer, outbox });
  // Only member.deleted goes out this way: a broker that is down delays deletions downstream,
  // never the deletion itself.
  const relay = createOutboxRelay({
    service: 'members',
    orm,
    kafka: createKafka({ clientId: 'members', brokers: config.kafka.brokers, logger }),
    logger,
    signal: outbox,
    registry: server.registry,
    topics: MEMBER_TOPICS,
    settings: config.relay,
  });
  relay.start();
  const port = await server.listen(config.http.port, config.http.host);
  const opsPort = await server.listenOps(config.http.opsPort, config.http.host);
  logger.info(
    {
      port,
      opsPort,
      kid: keyStore.signing.kid,
      mail: config.mail.smtpUrl ? 'smtp' : 'dev-mailbox',
    },
    'members subgraph listening',
  );
  onShutdown(logger, [
    () => server.stop(),
    () => relay.stop(),
    () => redis.quit(),
    () => orm.close(),
    () => tracing.shutdown(),
  ]);
}

/** The environment is parsed first, so the logger has its level; a bad one is reported at the default. */
function configOrReport(): Config | null {
  try {
    return loadConfig();
  } catch (error) {
    const message = error instanceof Error ? error.message : 'invalid environment';
    createLogger('members').fatal({ err: error }, message);
    process.exitCode = 1;
    return null;
  }
}

const config = configOrReport();
if (config) {
  const logger = createLogger('members', config.log.level);
  runMain(logger, () => main(config, logger));
}
