import { createAccessTokenVerifier, remoteJwks } from '@social/auth';
import { createLogger, createRedis, onShutdown, runMain, startTracing } from '@social/kit';
import { loadConfig, type Config } from './config';
import { createServer } from './server';

function parseConfig(): Config | Error {
  try {
    return loadConfig();
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

const config = parseConfig();
// An environment that does not parse has no log level either: it is reported at the default one.
const logger = createLogger('gateway', config instanceof Error ? undefined : config.log.level);

runMain(logger, async () => {
  if (config instanceof Error) throw config;
  const tracing = startTracing('gateway', config.tracing);
  const redis = createRedis(config.redis.url, logger);
  const jwks = remoteJwks(config.auth.jwksUrl);
  // Warm the key set now so the first request pays no fetch; a miss is retried on demand.
  await jwks.prefetch();
  const verifier = createAccessTokenVerifier({
    jwks,
    clockToleranceSeconds: config.auth.clockSkewSeconds,
  });
  const server = await createServer(config, { logger, verifier, redis });
  const { host } = config.http;
  const port = await server.listen(config.http.port, host);
  const opsPort = await server.listenOps(config.http.opsPort, host);
  logger.info({ port, opsPort, url: `http://${host}:${port}/graphql` }, 'gateway listening');
  onShutdown(logger, [() => server.stop(), () => redis.quit(), () => tracing.shutdown()]);
});
