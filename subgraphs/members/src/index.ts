import { loadSigningKeys } from '@social/auth';
import { createLogger, createOrm, createRedis, onShutdown, runMain } from '@social/kit';
import { configFromEnv } from './config';
import { entities } from './entities';
import { loadEnv } from './env';
import { createMailer } from './mail/mailer';
import { migrations } from './migrations';
import { createServer } from './server';

const logger = createLogger('members', process.env.LOG_LEVEL);

runMain(logger, async () => {
  const env = loadEnv();
  const production = env.NODE_ENV === 'production';
  // Production keys only from JWT_SIGNING_KEY / JWT_PUBLISHED_KEYS; dev keys are made once in .dev/keys.
  const keyStore = loadSigningKeys({ production, devKeyDir: env.DEV_KEY_DIR });
  const orm = await createOrm({
    mysqlUrl: env.MYSQL_URL,
    dbName: env.MEMBERS_DB,
    entities,
    migrations,
    logger,
  });
  const redis = createRedis(env.REDIS_URL);
  const mailer = createMailer({
    smtpUrl: env.SMTP_URL,
    from: env.MAIL_FROM,
    devMailboxDir: env.DEV_MAILBOX_DIR,
    logger,
  });
  const server = await createServer({
    orm,
    logger,
    redis,
    keyStore,
    mailer,
    config: configFromEnv(env),
    production,
    sweepIntervalMs: env.SWEEP_INTERVAL_SECONDS * 1000,
  });
  const port = await server.listen(env.MEMBERS_PORT, env.HOST);
  logger.info(
    { port, kid: keyStore.signing.kid, mail: env.SMTP_URL ? 'smtp' : 'dev-mailbox' },
    'members subgraph listening',
  );
  onShutdown(logger, [() => server.stop(), () => redis.quit(), () => orm.close()]);
});
