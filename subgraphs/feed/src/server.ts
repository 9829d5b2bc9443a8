import type { MikroORM } from '@mikro-orm/mysql';
import type { AccessTokenVerifier } from '@social/auth';
import {
  createGraphQLService,
  createViewerAuth,
  type Logger,
  type ReadinessCheck,
} from '@social/kit';
import type { Registry } from 'prom-client';
import type { FeedContext } from './context';
import { buildFeedSchema } from './schema';

export interface FeedDeps {
  orm: MikroORM;
  logger: Logger;
  verifier: AccessTokenVerifier;
  maxEntries: number;
  production?: boolean;
  /** Shared with the consumer so /metrics shows its lag. */
  registry?: Registry;
  /** Extra readiness checks, e.g. the consumer's. */
  readiness?: Record<string, ReadinessCheck>;
}

/** The feed HTTP service without a port: tests call it, `main()` listens. */
export async function createServer(deps: FeedDeps) {
  const { schema } = await buildFeedSchema();
  const viewerOf = createViewerAuth(deps.verifier);
  return createGraphQLService<FeedContext>({
    name: 'feed',
    schema,
    logger: deps.logger,
    production: deps.production,
    registry: deps.registry,
    readiness: {
      mysql: async () => void (await deps.orm.em.getConnection().execute('select 1')),
      ...deps.readiness,
    },
    context: async ({ req }) => ({
      em: deps.orm.em.fork(),
      log: req.log,
      viewer: await viewerOf(req),
      maxEntries: deps.maxEntries,
    }),
  });
}
