import { generateKeyPairSync } from 'node:crypto';
import {
  createAccessTokenVerifier,
  createKeyStore,
  localJwks,
  signAccessToken,
} from '@social/auth';
import { createEvent, type ActivityEvent } from '@social/events';
import { newId } from '@social/kit';
import { TEST_KAFKA_BROKERS, TEST_MYSQL_URL, type TestOrm } from '@social/testkit';
import { configFromEnv, type Config, type ConsumerConfig, type FeedConfig } from '../../src/config';
import { entities } from '../../src/entities';
import { loadEnv } from '../../src/env';
import { migrations } from '../../src/migrations';

export { entities, migrations };

export const FEED_TABLES = [
  'processed_events',
  'follows',
  'follower_counts',
  'author_posts',
  'feed_entries',
  'feed_sizes',
  'notifications',
  'pending_fanouts',
];

/** A low threshold and small batches, so celebrity merges and multi-batch fan-outs are cheap to reach. */
export function testConfig(overrides: Partial<FeedConfig> = {}): FeedConfig {
  return {
    fanoutMaxFollowers: 3,
    maxEntries: 50,
    trimSlack: 0,
    batchSize: 2,
    renotifyAfterSeconds: 86_400,
    ...overrides,
  };
}

/** The service's config from the feed's own env defaults, with test rules and test topics. */
export function testServiceConfig(
  overrides: { feed?: Partial<FeedConfig>; consumer?: Partial<ConsumerConfig> } = {},
): Config {
  const base = configFromEnv(
    loadEnv({
      NODE_ENV: 'test',
      MYSQL_URL: TEST_MYSQL_URL,
      KAFKA_BROKERS: TEST_KAFKA_BROKERS.join(','),
      REDIS_URL: process.env.REDIS_URL,
    }),
  );
  return {
    ...base,
    feed: testConfig(overrides.feed),
    consumer: { ...base.consumer, ...overrides.consumer },
  };
}

export function users(count: number): string[] {
  return Array.from({ length: count }, () => newId());
}

/** Distinct, increasing post times: minute `n` of a fixed day. */
export function minute(n: number): string {
  return new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString();
}

export const events = {
  post: (authorId: string, createdAt: string, postId: string = newId()) =>
    createEvent('post.created', authorId, { postId, authorId, createdAt }),
  deletePost: (authorId: string, postId: string) =>
    createEvent('post.deleted', authorId, { postId, authorId }),
  follow: (followerId: string, followeeId: string) =>
    createEvent('follow.created', followerId, { followerId, followeeId }),
  unfollow: (followerId: string, followeeId: string) =>
    createEvent('follow.deleted', followerId, { followerId, followeeId }),
  like: (likerId: string, postId: string, postAuthorId: string) =>
    createEvent('like.created', likerId, { postId, postAuthorId, likerId }),
  unlike: (likerId: string, postId: string, postAuthorId: string) =>
    createEvent('like.deleted', likerId, { postId, postAuthorId, likerId }),
  comment: (authorId: string, postId: string, postAuthorId: string, commentId: string = newId()) =>
    createEvent('comment.created', authorId, { commentId, postId, postAuthorId, authorId }),
  uncomment: (authorId: string, postId: string, postAuthorId: string, commentId: string) =>
    createEvent('comment.deleted', authorId, { commentId, postId, postAuthorId, authorId }),
  memberDeleted: (memberId: string) => createEvent('member.deleted', memberId, { memberId }),
};

export function postIdOf(event: ActivityEvent): string {
  if (event.type !== 'post.created') throw new Error(`not a post.created event: ${event.type}`);
  return event.payload.postId;
}

/** The post ids stored in one feed, newest first (merged posts are not stored). */
export async function storedFeed(db: TestOrm, ownerId: string): Promise<string[]> {
  const rows: Array<{ post_id: string }> = await db.orm.em
    .getConnection()
    .execute(
      'SELECT post_id FROM feed_entries WHERE owner_id = ? ORDER BY post_created_at DESC, post_id DESC',
      [ownerId],
    );
  return rows.map((row) => row.post_id);
}

export async function countRows(
  db: TestOrm,
  table: string,
  where = '1 = 1',
  params: unknown[] = [],
): Promise<number> {
  const [row]: Array<{ n: number | string }> = await db.orm.em
    .getConnection()
    .execute(`SELECT COUNT(*) AS n FROM \`${table}\` WHERE ${where}`, params);
  return Number(row?.n ?? 0);
}

/** Signs access tokens for any user id and verifies them the way the subgraph does. */
export function createTestAuth() {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const store = createKeyStore(privateKey);
  return {
    verifier: createAccessTokenVerifier({ jwks: localJwks(store) }),
    headers: (userId: string) => ({
      authorization: `Bearer ${signAccessToken(store, { sub: userId, sid: newId(), ttlSeconds: 600 }).token}`,
    }),
  };
}

/** Response shapes of the operations the tests send. */
export interface PageInfoData {
  hasNextPage: boolean;
  endCursor: string | null;
}
export interface FeedData {
  feed: {
    edges: Array<{ cursor: string; node: { addedAt: string; post: { id: string } } }>;
    pageInfo: PageInfoData;
  };
}
export interface NotificationNode {
  id: string;
  kind: string;
  actor: { id: string };
  post: { id: string } | null;
  createdAt: string;
  read: boolean;
}
export interface NotificationsData {
  notifications: { edges: Array<{ node: NotificationNode }>; pageInfo: PageInfoData };
}
