import type { AccessTokenVerifier } from '@social/auth';
import {
  clientAddress,
  createGraphQLService,
  createRequestAuth,
  createRevocationCache,
  type Logger,
  type Redis,
  trustedProxies,
} from '@social/kit';
import { authPlugin } from './auth/auth-plugin';
import type { Config } from './config';
import type { GatewayContext } from './context';
import { createApolloGateway } from './gateway';
import { createGatewayMetrics } from './metrics';
import { requestMetricsPlugin } from './request-metrics-plugin';
import { webRoutes } from './web';

export interface GatewayDeps {
  logger: Logger;
  verifier: AccessTokenVerifier;
  redis: Redis;
}

/** The gateway HTTP service without a port: tests call it, `index.ts` listens. */
export async function createServer(config: Config, deps: GatewayDeps) {
  const metrics = createGatewayMetrics();
  const subgraphUrls = config.subgraphs.urls;
  const gateway = await createApolloGateway({
    supergraphPath: config.supergraphPath,
    subgraphUrls,
    timeoutMs: config.subgraphs.timeoutMs,
    gatewaySecret: config.subgraphs.gatewaySecret,
    logger: deps.logger,
    metrics,
  });
  // Revocations are announced on Redis and evicted at once (kit's revocation cache).
  const revocations = createRevocationCache(deps.redis, { logger: deps.logger });
  const authenticate = createRequestAuth(deps.verifier, revocations.isRevoked);
  const proxies = trustedProxies(config.http.trustedProxies);
  const service = await createGraphQLService<GatewayContext>({
    name: 'gateway',
    gateway,
    logger: deps.logger,
    production: config.production,
    registry: metrics.registry,
    routes: webRoutes({
      webDist: config.web.dist,
      membersBaseUrl: new URL('/', subgraphUrls.members).toString(),
      production: config.production,
    }),
    queryLimits: config.limits,
    plugins: [
      authPlugin((reason) => metrics.authFailures.inc({ reason })),
      requestMetricsPlugin(metrics),
    ],
    readiness: {
      redis: async () => void (await deps.redis.ping()),
      ...Object.fromEntries(
        Object.entries(subgraphUrls).map(([name, url]) => [name, () => probe(url)]),
      ),
    },
    context: async ({ req, res }) => {
      const auth = await authenticate(req);
      return {
        requestId: req.id,
        clientAddress: clientAddress(req, proxies),
        auth,
        forwardToken: auth.kind === 'valid' ? auth.token : null,
        cookie: req.headers.cookie,
        req,
        res,
      };
    },
  });
  return {
    ...service,
    stop: async () => {
      await service.stop();
      await revocations.close();
    },
  };
}

async function probe(graphqlUrl: string): Promise<void> {
  const response = await fetch(new URL('/healthz', graphqlUrl), {
    signal: AbortSignal.timeout(1500),
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
}
