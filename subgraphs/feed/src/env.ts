import { envSchema, parseEnv } from '@social/kit';
import { z } from 'zod';

const schema = envSchema(
  ['NODE_ENV', 'LOG_LEVEL', 'HOST', 'FEED_PORT', 'MYSQL_URL', 'KAFKA_BROKERS', 'FEED_FANOUT_MAX_FOLLOWERS', 'FEED_MAX_ENTRIES'],
  { FEED_DB: z.string().regex(/^[A-Za-z0-9_]+$/).default('feed') },
);

export type FeedEnv = z.infer<typeof schema>;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): FeedEnv {
  return parseEnv(schema, source);
}
