import { createLogger, createOrm, onShutdown, runMain } from '@social/kit';
import { entities } from './entities';
import { loadEnv } from './env';
import { migrations } from './migrations';
import { createServer } from './server';

const logger = createLogger('activity', process.env.LOG_LEVEL);

runMain(logger, async () => {
  const env = loadEnv();
  const orm = await createOrm({ mysqlUrl: env.MYSQL_URL, dbName: env.ACTIVITY_DB, entities, migrations, logger });
  const server = await createServer({ orm, logger, production: env.NODE_ENV === 'production' });
  const port = await server.listen(env.ACTIVITY_PORT, env.HOST);
  logger.info({ port }, 'activity subgraph listening');
  onShutdown(logger, [() => server.stop(), () => orm.close()]);
});
