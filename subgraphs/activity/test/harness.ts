import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { Registry } from 'prom-client';
import {
  createAccessTokenVerifier,
  createKeyStore,
  localJwks,
  signAccessToken,
} from '@social/auth';
import { parseEvent, type ActivityEvent } from '@social/events';
import { createRateLimiter, createRedis, newId } from '@social/kit';
import {
  createTestOrm,
  expectData,
  expectError,
  silentLogger,
  type TestOrm,
} from '@social/testkit';
import { entities } from '../src/entities';
import type { UserDirectory } from '../src/members/user-directory';
import { migrations } from '../src/migrations';
import { createOutboxSignal } from '@social/kit/outbox';
import { loadConfig } from '../src/config';
import { createServer } from '../src/server';
import { startRelay } from './kafka';

const ACTIVITY_TABLES = [
  'follows',
  'posts',
  'likes',
  'comments',
  'post_counts',
  'outbox',
  'deleted_members',
];

/**
 * Activity on a throwaway database, with members out of the picture: tokens are signed with a
 * test key that the real verifier checks, and the test's users are the ones `createUsers` made
 * (unless `users` is given). Activity asking the real members subgraph is tested in
 * integration/test/member-directory.test.ts.
 */
export interface HarnessOptions {
  users?: UserDirectory;
  /** Runs a relay publishing to `topic`, joined to /readyz and /metrics. */
  relay?: { brokers: string[]; topic: string };
  /** Variables parsed as activity parses its environment, e.g. `{ ACTIVITY_LIMIT_POSTS: '2,3' }`. */
  env?: Record<string, string>;
}

// Tests write far faster than people: budgets that only the limit tests lower.
const TEST_ENV = {
  ACTIVITY_LIMIT_POSTS: '100000,100000',
  ACTIVITY_LIMIT_COMMENTS: '100000,100000',
  ACTIVITY_LIMIT_LIKES: '100000,100000',
  ACTIVITY_LIMIT_FOLLOWS: '100000,100000',
  ACTIVITY_TOGGLE_MAX_CHANGES: '100000',
};

export async function startActivity(options: HarnessOptions = {}) {
  const known = new Set<string>();
  const users: UserDirectory = options.users ?? {
    exists: async (id) => known.has(id),
    forget: (id) => void known.delete(id),
  };
  const db = await createTestOrm({ prefix: 'activity', entities, migrations });
  const keys = createKeyStore(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
  const outbox = createOutboxSignal();
  const verifier = createAccessTokenVerifier({ jwks: localJwks(keys) });
  const registry = new Registry();
  const relay = options.relay
    ? startRelay(db, { ...options.relay, signal: outbox, registry })
    : undefined;
  const config = loadConfig({ REDIS_URL: process.env.REDIS_URL, ...TEST_ENV, ...options.env });
  config.redis.keyPrefix = `activity-test:${process.pid}:${randomBytes(4).toString('hex')}:`;
  const redis = createRedis(config.redis.url);
  const limiter = createRateLimiter(redis, config.redis.keyPrefix);
  const server = await createServer(config, {
    orm: db.orm,
    logger: silentLogger,
    verifier,
    redis,
    users,
    outbox,
    relay,
    registry,
  });
  const url = `http://127.0.0.1:${await server.listen(0)}/graphql`;
  const opsUrl = `http://127.0.0.1:${await server.listenOps(0)}`;
  const tokenFor = (userId: string) =>
    signAccessToken(keys, { sub: userId, sid: newId(), ttlSeconds: 900 }).token;
  const headersFor = (userId?: string): Record<string, string> =>
    userId ? { authorization: `Bearer ${tokenFor(userId)}` } : {};
  return {
    url,
    /** The operations server: /readyz and /metrics. */
    opsUrl,
    db,
    relay,
    outbox,
    headersFor,
    /** `data` of an operation as `userId` (anonymous without one), failing loudly on errors. */
    // Tests read deep response shapes and assert exact values, so untyped data is the honest type.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    data: <T = any>(query: string, variables: Record<string, unknown> = {}, userId?: string) =>
      expectData<T>(url, { query, variables, headers: headersFor(userId) }),
    error: (query: string, variables: Record<string, unknown> = {}, userId?: string) =>
      expectError(url, { query, variables, headers: headersFor(userId) }),
    /** New member ids that the harness's directory knows. */
    createUsers: async (count: number): Promise<string[]> => {
      const ids = Array.from({ length: count }, () => newId());
      for (const id of ids) known.add(id);
      return ids;
    },
    events: () => readOutbox(db),
    /** The write limits' counters of this server: `clear()` starts every window afresh. */
    limiter,
    reset: async () => {
      await db.truncate(...ACTIVITY_TABLES);
      await limiter.clear();
    },
    close: async () => {
      await server.stop();
      await relay?.stop();
      await limiter.clear();
      await redis.quit();
      await db.close();
    },
  };
}

export type ActivityHarness = Awaited<ReturnType<typeof startActivity>>;

/** The outbox rows in id order, parsed with the consumer's own validator. */
export async function readOutbox(db: TestOrm): Promise<Array<ActivityEvent & { key: string }>> {
  const rows = await db.orm.em
    .fork()
    .getConnection()
    .execute<
      Array<{ key: string; payload: string }>
    >('select `key`, payload from outbox order by id');
  return rows.map((row) => {
    const parsed = parseEvent(row.payload);
    if (!parsed.ok) throw new Error(`outbox row is not a valid event: ${parsed.reason}`);
    return { ...parsed.event, key: row.key };
  });
}

export async function countRows(db: TestOrm, table: string): Promise<number> {
  const [row] = await db.orm.em
    .fork()
    .getConnection()
    .execute(`select count(*) as n from ${table}`);
  return Number(row?.n);
}

/** The shape of the ids activity makes: UUIDv7 (version 7, RFC 9562 variant). */
export const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The creation time a UUIDv7 carries (its first 48 bits), as the API prints it. */
export function timeOfId(id: string): string {
  return new Date(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toISOString();
}
