import type { EntityManager, MikroORM } from '@mikro-orm/mysql';
import { createAccessTokenVerifier, localJwks, type KeyStore } from '@social/auth';
import {
  createRateLimiter,
  systemClock,
  type Clock,
  type Logger,
  type RateLimiter,
} from '@social/kit';
import { createOutboxSignal, type OutboxSignal } from '@social/kit/outbox';
import type { Request } from 'express';
import type { Redis } from 'ioredis';
import type { Config } from './config';
import type { Mailer } from './mail/mailer';
import { createAuthLimits, type AuthLimits } from './rate-limit/auth-limits';
import { createSessionRepository, type SessionRepository } from './session/session.repository';
import { createBackgroundTasks, type BackgroundTasks } from './shared/background-tasks';
import { createPasswordHasher, type PasswordHasher } from './shared/password-hasher';
import { createRequestAuth, type AuthResult } from './shared/request-auth';

/** What createServer is given: connections and the pieces tests replace. */
export interface MembersDeps {
  orm: MikroORM;
  logger: Logger;
  redis: Redis;
  keyStore: KeyStore;
  mailer: Mailer;
  clock?: Clock;
  /** Woken after a commit that wrote an outbox row, so the relay publishes it at once. */
  outbox?: OutboxSignal;
}

/** The long-lived services of one members server, built once in createServer. */
export interface MembersApp {
  config: Config;
  clock: Clock;
  logger: Logger;
  redis: Redis;
  keyStore: KeyStore;
  hasher: PasswordHasher;
  mailer: Mailer;
  sessions: SessionRepository;
  limiter: RateLimiter;
  limits: AuthLimits;
  background: BackgroundTasks;
  outbox: OutboxSignal;
  authenticate: (req: Request) => Promise<AuthResult>;
}

/** The app plus one request's EntityManager and logger: use cases take the slice they use. */
export type RequestDeps = MembersApp & { em: EntityManager; log: Logger };

export function buildApp(config: Config, deps: MembersDeps): MembersApp {
  const clock = deps.clock ?? systemClock;
  const limiter = createRateLimiter(deps.redis, config.redis.keyPrefix);
  const verifier = createAccessTokenVerifier({ jwks: localJwks(deps.keyStore), now: clock });
  return {
    config,
    clock,
    logger: deps.logger,
    redis: deps.redis,
    keyStore: deps.keyStore,
    hasher: createPasswordHasher(config.limits.argon2),
    mailer: deps.mailer,
    sessions: createSessionRepository({ config: config.sessions, clock, redis: deps.redis }),
    limiter,
    limits: createAuthLimits(limiter, config.limits),
    background: createBackgroundTasks(deps.logger),
    outbox: deps.outbox ?? createOutboxSignal(),
    authenticate: createRequestAuth(verifier, deps.redis),
  };
}
