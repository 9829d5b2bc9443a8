import { createGraphQLService, type GraphQLService } from '@social/kit';
import { buildApp, type MembersApp, type MembersDeps } from './app';
import type { Config } from './config';
import { createContextFactory, type MembersContext } from './context';
import { mountRoutes } from './http/routes';
import { createSweeper, type SweepResult } from './maintenance/sweeper';
import { buildMembersSchema } from './schema';

export interface MembersServer extends GraphQLService {
  members: MembersApp;
  /** One sweep now; null when another instance holds the sweep lock. */
  sweep(): Promise<SweepResult | null>;
  /** What the sweep timer runs: null when this period's sweep fell to another instance. */
  scheduledSweep(): Promise<SweepResult | null>;
  /** Resolves when background work (mail after an answer) has finished. */
  settle(): Promise<void>;
}

/** The members HTTP service without a port: tests call it, `main()` listens. */
export async function createServer(config: Config, deps: MembersDeps): Promise<MembersServer> {
  const { schema } = await buildMembersSchema();
  const app = buildApp(config, deps);
  const sweeper = createSweeper({
    orm: deps.orm,
    redis: deps.redis,
    redisPrefix: config.redis.keyPrefix,
    clock: app.clock,
    logger: deps.logger,
    intervalMs: config.sweep.intervalMs,
  });
  const service = await createGraphQLService<MembersContext>({
    name: 'members',
    schema,
    logger: deps.logger,
    production: config.production,
    gatewaySecret: config.gatewaySecret,
    queryLimits: config.queryLimits,
    routes: (express) => mountRoutes(express, deps.keyStore),
    readiness: {
      mysql: async () => void (await deps.orm.em.getConnection().execute('select 1')),
      redis: async () => void (await deps.redis.ping()),
    },
    context: createContextFactory(deps.orm, app),
  });
  sweeper.start();
  return {
    ...service,
    members: app,
    sweep: () => sweeper.runOnce(),
    scheduledSweep: () => sweeper.tick(),
    settle: () => app.background.idle(),
    stop: async () => {
      sweeper.stop();
      await service.stop();
      await app.background.idle();
      app.mailer.close();
    },
  };
}
