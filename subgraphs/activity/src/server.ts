import type { MikroORM } from '@mikro-orm/mysql';
import { createGraphQLService, type Logger } from '@social/kit';
import type { ActivityContext } from './context';
import { createLoaders } from './loaders';
import { buildActivitySchema } from './schema';

export interface ActivityDeps {
  orm: MikroORM;
  logger: Logger;
  production?: boolean;
}

/** The activity HTTP service without a port: tests call it, `main()` listens. */
export async function createServer(deps: ActivityDeps) {
  const { schema } = await buildActivitySchema();
  return createGraphQLService<ActivityContext>({
    name: 'activity',
    schema,
    logger: deps.logger,
    production: deps.production,
    readiness: { mysql: async () => void (await deps.orm.em.getConnection().execute('select 1')) },
    context: async ({ req }) => {
      const em = deps.orm.em.fork();
      return { em, loaders: createLoaders(em), log: req.log };
    },
  });
}
