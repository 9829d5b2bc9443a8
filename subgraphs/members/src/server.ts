import type { MikroORM } from '@mikro-orm/mysql';
import { createGraphQLService, type Logger } from '@social/kit';
import type { MembersContext } from './context';
import { createLoaders } from './loaders';
import { buildMembersSchema } from './schema';

export interface MembersDeps {
  orm: MikroORM;
  logger: Logger;
  production?: boolean;
}

/** The members HTTP service without a port: tests call it, `main()` listens. */
export async function createServer(deps: MembersDeps) {
  const { schema } = await buildMembersSchema();
  return createGraphQLService<MembersContext>({
    name: 'members',
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
