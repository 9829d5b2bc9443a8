import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createKeyStore, type KeyStore } from '@social/auth';
import { createRedis, type Logger, type Redis } from '@social/kit';
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
import { loadConfig, type Config } from '../src/config';
import { entities } from '../src/entities';
import { createMailer } from '../src/mail/mailer';
import { migrations } from '../src/migrations';
import { createServer, type MembersServer } from '../src/server';
import { createTestClock, type TestClock } from './test-clock';

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
  /** The running server's Config: tests change it in place (services read it at each call). */
  config: Config;
  server: MembersServer;
  /** Waits for mail sent after an answer (resend, reset). */
  settle(): Promise<void>;
  /** Starts every rate-limit window afresh. */
  resetRateLimits(): Promise<void>;
  /** Empties every members table. */
  truncate(): Promise<void>;
  /** Between tests: empty tables and inbox, clock and config as at start, fresh rate limits. */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

export interface HarnessOverrides {
  /** Variables parsed as members parses its environment, e.g. `{ LOGIN_MAX_FAILURES: '3' }`. */
  env?: Record<string, string>;
  /** Where members and its mailer log (silent unless given): tests that read the log lines. */
  logger?: Logger;
}

// Generous per-address budget: every test request comes from 127.0.0.1. Rate-limit tests lower
// it. Loopback is a trusted proxy, so a test (or the gateway in front) names the client in
// x-forwarded-for. No scheduled sweep: tests call sweep() themselves.
const TEST_ENV = {
  NODE_ENV: 'test',
  AUTH_RATE_PER_ADDRESS: '1000',
  SWEEP_INTERVAL_SECONDS: '0',
  TRUSTED_PROXIES: '127.0.0.1',
};

/** Members' own defaults (env.ts), the test settings above, then the overrides. */
function testConfig(overrides: HarnessOverrides, smtpUrl: string): Config {
  const env = {
    REDIS_URL: process.env.REDIS_URL,
    SMTP_URL: smtpUrl,
    ...TEST_ENV,
    ...overrides.env,
  };
  // Tests talk to members directly: the gateway credential is on only when a test gives
  // GATEWAY_SECRET, though production mode requires one to parse.
  const config = loadConfig({ GATEWAY_SECRET: randomBytes(32).toString('hex'), ...env });
  if (!overrides.env?.GATEWAY_SECRET) config.gatewaySecret = null;
  config.redis.keyPrefix = `members-test:${process.pid}:${randomBytes(4).toString('hex')}:`;
  return config;
}

/**
 * Boots the real members server on a throwaway database, the real Redis (keys under a
 * prefix of this harness, plus the shared revocation keys, whose session ids are unique) and
 * an in-process SMTP inbox, with a fresh signing key. For other services' tests too.
 */
export async function startMembers(overrides: HarnessOverrides = {}): Promise<MembersHarness> {
  const inbox = await startSmtpInbox();
  const config = testConfig(overrides, inbox.url);
  const initial = structuredClone({
    sessions: config.sessions,
    limits: config.limits,
    oneTimeTokens: config.oneTimeTokens,
  });
  const orm = await createTestOrm({ prefix: 'members', entities, migrations });
  const redis = createRedis(config.redis.url);
  const keyStore = createKeyStore(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
  const clock = createTestClock();
  const logger = overrides.logger ?? silentLogger;
  const mailer = createMailer({ ...config.mail, logger });
  const server = await createServer(config, {
    orm: orm.orm,
    logger,
    redis,
    keyStore,
    mailer,
    clock,
  });
  const baseUrl = `http://127.0.0.1:${await server.listen(0)}`;
  const resetRateLimits = async () => void (await server.members.limiter.clear());
  const truncate = () =>
    orm.truncate(
      'refresh_token_ancestors',
      'one_time_tokens',
      'sessions',
      'user_name_words',
      'users',
      'outbox',
    );
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
    resetRateLimits,
    truncate,
    reset: async () => {
      await truncate();
      inbox.clear();
      clock.reset();
      Object.assign(config.sessions, initial.sessions);
      Object.assign(config.limits, initial.limits);
      Object.assign(config.oneTimeTokens, initial.oneTimeTokens);
      await resetRateLimits();
    },
    stop: async () => {
      await server.stop();
      await deleteKeys(redis, `${config.redis.keyPrefix}*`);
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
  harness: Pick<MembersHarness, 'url' | 'inbox'>,
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

function call(harness: Pick<MembersHarness, 'url'>, request: GraphQLRequest) {
  return expectData(harness.url, request);
}
