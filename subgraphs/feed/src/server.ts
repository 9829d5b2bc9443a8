import type { MikroORM } from '@mikro-orm/mysql';
import { createGraphQLService, type Logger } from '@social/kit';
import type { FeedContext } from './context';
import { buildFeedSchema } from './schema';

export interface FeedDeps {
  orm: MikroORM;
  logger: Logger;
  production?: boolean;
}

/** The feed HTTP service without a port: tests call it, `main()` listens. */
export async function createServer(deps: FeedDeps) {
  const { schema } = await buildFeedSchema();
  return createGraphQLService<FeedContext>({
    name: 'feed',
    schema,
    logger: deps.logger,
    production: deps.production,
    readiness: { mysql: async () => void (await deps.orm.em.getConnection().execute('select 1')) },
    context: async ({ req }) => ({ em: deps.orm.em.fork(), log: req.log, viewerId: null }),
  });
}
