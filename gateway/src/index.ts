import { createAccessTokenVerifier, remoteJwks } from '@social/auth';
import { createLogger, createRedis, onShutdown, runMain } from '@social/kit';
import { jwksUrl, loadEnv, subgraphUrls } from './env';
import { createServer } from './server';

const logger = createLogger('gateway', process.env.LOG_LEVEL);

runMain(logger, async () => {
  const env = loadEnv();
  const redis = createRedis(env.REDIS_URL);
  const jwks = remoteJwks(jwksUrl(env));
  // Warm the key set now so the first request pays no fetch; a miss is retried on demand.
  await jwks.prefetch();
  const server = await createServer({
    logger,
    supergraphPath: env.SUPERGRAPH_PATH,
    subgraphUrls: subgraphUrls(env),
    verifier: createAccessTokenVerifier({
      jwks,
      clockToleranceSeconds: env.TOKEN_CLOCK_SKEW_SECONDS,
    }),
    redis,
    timeoutMs: env.SUBGRAPH_TIMEOUT_MS,
    maxDepth: env.MAX_QUERY_DEPTH,
    production: env.NODE_ENV === 'production',
  });
  const port = await server.listen(env.GATEWAY_PORT, env.HOST);
  logger.info({ port, url: `http://${env.HOST}:${port}/graphql` }, 'gateway listening');
  onShutdown(logger, [() => server.stop(), () => redis.quit()]);
});
