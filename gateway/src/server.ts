import path from 'node:path';
import type { AccessTokenVerifier } from '@social/auth';
import { createGraphQLService, createRequestAuth, type Logger, type Redis } from '@social/kit';
import { authPlugin } from './auth/auth-plugin';
import { createRevocationCheck } from './auth/revocation-cache';
import type { GatewayContext } from './context';
import { createApolloGateway } from './gateway';
import { createLimits } from './limits';
import { createGatewayMetrics } from './metrics';
import { requestMetricsPlugin } from './request-metrics-plugin';
import { webRoutes } from './web';

export interface GatewayDeps {
  logger: Logger;
  supergraphPath: string;
  subgraphUrls: Record<string, string>;
  verifier: AccessTokenVerifier;
  redis: Redis;
  timeoutMs?: number;
  maxDepth?: number;
  production?: boolean;
  /** The built web app; defaults to web/dist of this checkout. */
  webDist?: string;
}

const DEFAULT_WEB_DIST = path.resolve(__dirname, '..', '..', 'web', 'dist');

/** The gateway HTTP service without a port: tests call it, `main()` listens. */
export async function createServer(deps: GatewayDeps) {
  const metrics = createGatewayMetrics();
  const gateway = await createApolloGateway({
    supergraphPath: deps.supergraphPath,
    subgraphUrls: deps.subgraphUrls,
    timeoutMs: deps.timeoutMs ?? 10_000,
    logger: deps.logger,
    metrics,
  });
  const authenticate = createRequestAuth(deps.verifier, createRevocationCheck(deps.redis));
  const limits = createLimits({
    maxDepth: deps.maxDepth ?? 10,
    production: deps.production ?? false,
  });
  return createGraphQLService<GatewayContext>({
    name: 'gateway',
    gateway,
    logger: deps.logger,
    production: deps.production,
    registry: metrics.registry,
    routes: webRoutes({
      webDist: deps.webDist ?? DEFAULT_WEB_DIST,
      membersBaseUrl: new URL('/', deps.subgraphUrls.members).toString(),
      production: deps.production ?? false,
    }),
    validationRules: limits.validationRules,
    plugins: [
      ...(limits.plugins as any[]),
      authPlugin((reason) => metrics.authFailures.inc({ reason })),
      requestMetricsPlugin(metrics),
    ],
    readiness: {
      redis: async () => void (await deps.redis.ping()),
      ...Object.fromEntries(
        Object.entries(deps.subgraphUrls).map(([name, url]) => [name, () => probe(url)]),
      ),
    },
    context: async ({ req, res }) => {
      const auth = await authenticate(req);
      return {
        requestId: req.id,
        clientAddress: req.socket.remoteAddress ?? 'unknown',
        auth,
        forwardToken: auth.kind === 'valid' ? auth.token : null,
        cookie: req.headers.cookie,
        req,
        res,
      };
    },
  });
}

async function probe(graphqlUrl: string): Promise<void> {
  const response = await fetch(new URL('/healthz', graphqlUrl), {
    signal: AbortSignal.timeout(1500),
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
}
