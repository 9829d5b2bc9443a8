import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createKeyStore, type KeyStore } from '@social/auth';
import { createRedis, type Redis } from '@social/kit';
import {
  createTestOrm,
  expectData,
  silentLogger,
  startSmtpInbox,
  tokenFromMail,
  type GraphQLRequest,
  type SmtpInbox,
  type TestOrm,
} from '@social/testkit';
import type { MembersConfig } from '../src/config';
import { entities } from '../src/entities';
import { createMailer } from '../src/mail/mailer';
import { migrations } from '../src/migrations';
import { createServer, type MembersServer } from '../src/server';

export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Real time plus an offset that tests move forward instead of sleeping. */
export interface TestClock {
  (): number;
  advance(seconds: number): void;
  reset(): void;
}

export function createTestClock(): TestClock {
  let offset = 0;
  const clock = (() => Date.now() + offset) as TestClock;
  clock.advance = (seconds) => void (offset += seconds * 1000);
  clock.reset = () => void (offset = 0);
  return clock;
}

export interface MembersHarness {
  /** The GraphQL endpoint: http://127.0.0.1:<port>/graphql */
  url: string;
  /** http://127.0.0.1:<port>, for /.well-known/jwks.json and /avatars. */
  baseUrl: string;
  orm: TestOrm;
  redis: Redis;
  inbox: SmtpInbox;
  keyStore: KeyStore;
  clock: TestClock;
  config: MembersConfig;
  server: MembersServer;
  /** Waits for mail sent after an answer (resend, reset). */
  settle(): Promise<void>;
  /** Starts every rate-limit window afresh. */
  resetRateLimits(): Promise<void>;
  /** Empties every members table. */
  truncate(): Promise<void>;
  stop(): Promise<void>;
}

export interface HarnessOverrides {
  config?: Partial<MembersConfig>;
  production?: boolean;
}

// Generous per-address budget: every test request comes from 127.0.0.1. Rate-limit tests lower it.
const TEST_CONFIG: MembersConfig = {
  publicUrl: 'http://localhost:4000',
  accessTokenTtl: 900,
  refreshTokenTtl: 1_209_600,
  refreshAbsoluteTtl: 30 * 24 * 3600,
  refreshReuseGrace: 10,
  authRatePerAddress: 1000,
  loginMaxFailures: 10,
  emailVerificationTtl: 24 * 3600,
  passwordResetTtl: 3600,
  secureCookies: false,
};

/**
 * Boots the real members server on a throwaway database, the real Redis (keys under a
 * prefix of this harness, plus the shared revocation keys, whose session ids are unique) and
 * an in-process SMTP inbox, with a fresh signing key. For other services' tests too.
 */
export async function startMembers(overrides: HarnessOverrides = {}): Promise<MembersHarness> {
  const config = { ...TEST_CONFIG, ...overrides.config };
  const orm = await createTestOrm({ prefix: 'members', entities, migrations });
  const redis = createRedis(TEST_REDIS_URL);
  const inbox = await startSmtpInbox();
  const keyStore = createKeyStore(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
  const clock = createTestClock();
  const redisPrefix = `members-test:${process.pid}:${randomBytes(4).toString('hex')}:`;
  const mailer = createMailer({
    smtpUrl: inbox.url,
    from: 'Social <no-reply@social.test>',
    devMailboxDir: '',
    logger: silentLogger,
  });
  const server = await createServer({
    orm: orm.orm,
    logger: silentLogger,
    redis,
    keyStore,
    mailer,
    config,
    clock,
    production: overrides.production,
    redisPrefix,
  });
  const baseUrl = `http://127.0.0.1:${await server.listen(0)}`;
  return {
    url: `${baseUrl}/graphql`,
    baseUrl,
    orm,
    redis,
    inbox,
    keyStore,
    clock,
    config,
    server,
    settle: () => server.settle(),
    resetRateLimits: async () => void (await server.members.limiter.clear()),
    truncate: () => orm.truncate('refresh_token_ancestors', 'one_time_tokens', 'sessions', 'users'),
    stop: async () => {
      await server.stop();
      await deleteKeys(redis, `${redisPrefix}*`);
      await redis.quit();
      await inbox.close();
      await orm.close();
    },
  };
}

async function deleteKeys(redis: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
}

export const DEFAULT_PASSWORD = 'correct horse battery staple';

export interface TestMember {
  userId: string;
  handle: string;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
}

/** A verified member, made the way a person would: signUp, the mailed link, login. */
export async function signUpAndLogin(
  harness: MembersHarness,
  options: { handle?: string; email?: string; password?: string; displayName?: string } = {},
): Promise<TestMember> {
  const handle = options.handle ?? `u_${randomBytes(5).toString('hex')}`;
  const email = (options.email ?? `${handle}@example.test`).toLowerCase();
  const password = options.password ?? DEFAULT_PASSWORD;
  const displayName = options.displayName ?? `Member ${handle}`;
  // Only a mail that arrives after this sign-up: an earlier test may have used the same address.
  const seen = harness.inbox.messages.length;
  const signUp = await call(harness, {
    query: `mutation($input: SignUpInput!) { signUp(input: $input) { user { id } verificationEmailSent } }`,
    variables: { input: { email, password, handle, displayName } },
  });
  const mail = await harness.inbox.waitFor(
    (m) =>
      harness.inbox.messages.indexOf(m) >= seen &&
      m.to.includes(email) &&
      /confirm/i.test(m.subject),
  );
  await call(harness, {
    query: 'mutation($token: String!) { verifyEmail(token: $token) { emailVerified } }',
    variables: { token: tokenFromMail(mail, '/verify-email') },
  });
  const login = await call(harness, {
    query:
      'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken refreshToken } }',
    variables: { e: email, p: password },
  });
  return {
    userId: signUp.signUp.user.id,
    handle,
    email,
    password,
    accessToken: login.login.accessToken,
    refreshToken: login.login.refreshToken,
  };
}

function call(harness: MembersHarness, request: GraphQLRequest) {
  return expectData(harness.url, request);
}
