import type { MikroORM } from '@mikro-orm/mysql';
import { createAccessTokenVerifier, localJwks, type KeyStore } from '@social/auth';
import { createGraphQLService, type GraphQLService, type Logger } from '@social/kit';
import type { Redis } from 'ioredis';
import { createAuthLimits } from './abuse/auth-limits';
import { createRateLimiter } from './abuse/rate-limiter';
import type { MembersApp } from './app';
import { createPasswordHasher, type PasswordHasher } from './auth/password-hasher';
import { createRequestAuth } from './auth/request-auth';
import { systemClock, type Clock } from './clock';
import type { MembersConfig } from './config';
import { createContextFactory, type MembersContext } from './context';
import { mountRoutes } from './http/routes';
import type { Mailer } from './mail/mailer';
import { createBackgroundTasks } from './maintenance/background-tasks';
import { createSweeper, type SweepResult } from './maintenance/sweeper';
import { buildMembersSchema } from './schema';
import { createSessionService } from './session/session.service';

export interface MembersDeps {
  orm: MikroORM;
  logger: Logger;
  redis: Redis;
  keyStore: KeyStore;
  mailer: Mailer;
  config: MembersConfig;
  clock?: Clock;
  production?: boolean;
  /** Namespaces rate-limit counters and the sweep lock (tests use one per file). */
  redisPrefix?: string;
  hasher?: PasswordHasher;
  /** 0 turns the scheduled sweep off (tests call `sweep()` themselves). */
  sweepIntervalMs?: number;
}

export interface MembersServer extends GraphQLService {
  members: MembersApp;
  /** One sweep now; null when another instance holds the sweep lock. */
  sweep(): Promise<SweepResult | null>;
  /** Resolves when background work (mail after an answer) has finished. */
  settle(): Promise<void>;
}

function buildApp(deps: MembersDeps): MembersApp {
  const clock = deps.clock ?? systemClock;
  const limiter = createRateLimiter(deps.redis, deps.redisPrefix ?? 'members:');
  const verifier = createAccessTokenVerifier({ jwks: localJwks(deps.keyStore), now: clock });
  return {
    config: deps.config,
    clock,
    logger: deps.logger,
    redis: deps.redis,
    keyStore: deps.keyStore,
    hasher: deps.hasher ?? createPasswordHasher(),
    mailer: deps.mailer,
    sessions: createSessionService({ config: deps.config, clock, redis: deps.redis }),
    limiter,
    limits: createAuthLimits(limiter, deps.config),
    background: createBackgroundTasks(deps.logger),
    authenticate: createRequestAuth(verifier, deps.redis),
  };
}

/** The members HTTP service without a port: tests call it, `main()` listens. */
export async function createServer(deps: MembersDeps): Promise<MembersServer> {
  const { schema } = await buildMembersSchema();
  const app = buildApp(deps);
  const sweeper = createSweeper({
    orm: deps.orm,
    redis: deps.redis,
    redisPrefix: deps.redisPrefix ?? 'members:',
    clock: app.clock,
    logger: deps.logger,
    intervalMs: deps.sweepIntervalMs ?? 0,
  });
  const service = await createGraphQLService<MembersContext>({
    name: 'members',
    schema,
    logger: deps.logger,
    production: deps.production,
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
    settle: () => app.background.idle(),
    stop: async () => {
      sweeper.stop();
      await service.stop();
      await app.background.idle();
      app.mailer.close();
    },
  };
}
