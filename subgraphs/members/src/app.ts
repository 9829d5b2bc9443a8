import type { KeyStore } from '@social/auth';
import type { Logger } from '@social/kit';
import type { Redis } from 'ioredis';
import type { AuthLimits } from './abuse/auth-limits';
import type { RateLimiter } from './abuse/rate-limiter';
import type { AuthResult } from './auth/request-auth';
import type { PasswordHasher } from './auth/password-hasher';
import type { Clock } from './clock';
import type { MembersConfig } from './config';
import type { Mailer } from './mail/mailer';
import type { BackgroundTasks } from './maintenance/background-tasks';
import type { SessionService } from './session/session.service';
import type { Request } from 'express';

/** The long-lived services of one members server, built once in createServer. */
export interface MembersApp {
  config: MembersConfig;
  clock: Clock;
  logger: Logger;
  redis: Redis;
  keyStore: KeyStore;
  hasher: PasswordHasher;
  mailer: Mailer;
  sessions: SessionService;
  limiter: RateLimiter;
  limits: AuthLimits;
  background: BackgroundTasks;
  authenticate: (req: Request) => Promise<AuthResult>;
}
