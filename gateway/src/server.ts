import { createGraphQLService, type Logger } from '@social/kit';
import { createApolloGateway } from './gateway';

export interface GatewayDeps {
  logger: Logger;
  supergraphPath: string;
  subgraphUrls: Record<string, string>;
  timeoutMs?: number;
  production?: boolean;
}

export interface GatewayContext {
  requestId: string;
}

/** The gateway HTTP service without a port: tests call it, `main()` listens. */
export async function createServer(deps: GatewayDeps) {
  const gateway = await createApolloGateway({
    supergraphPath: deps.supergraphPath,
    subgraphUrls: deps.subgraphUrls,
    timeoutMs: deps.timeoutMs ?? 10_000,
    logger: deps.logger,
  });
  return createGraphQLService<GatewayContext>({
    name: 'gateway',
    gateway,
    logger: deps.logger,
    production: deps.production,
    readiness: Object.fromEntries(
      Object.entries(deps.subgraphUrls).map(([name, url]) => [name, () => probe(url)]),
    ),
    context: async ({ req }) => ({ requestId: req.id }),
  });
}

async function probe(graphqlUrl: string): Promise<void> {
  const response = await fetch(new URL('/healthz', graphqlUrl), { signal: AbortSignal.timeout(1500) });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
}
