import { createLogger, onShutdown, runMain } from '@social/kit';
import { loadEnv, subgraphUrls } from './env';
import { createServer } from './server';

const logger = createLogger('gateway', process.env.LOG_LEVEL);

runMain(logger, async () => {
  const env = loadEnv();
  const server = await createServer({
    logger,
    supergraphPath: env.SUPERGRAPH_PATH,
    subgraphUrls: subgraphUrls(env),
    timeoutMs: env.SUBGRAPH_TIMEOUT_MS,
    production: env.NODE_ENV === 'production',
  });
  const port = await server.listen(env.GATEWAY_PORT, env.HOST);
  logger.info({ port, url: `http://${env.HOST}:${port}/graphql` }, 'gateway listening');
  onShutdown(logger, [() => server.stop()]);
});
