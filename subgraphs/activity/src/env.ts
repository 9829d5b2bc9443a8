import { envSchema, parseEnv } from '@social/kit';
import { z } from 'zod';

const schema = envSchema(
  ['NODE_ENV', 'LOG_LEVEL', 'HOST', 'ACTIVITY_PORT', 'MYSQL_URL', 'KAFKA_BROKERS'],
  { ACTIVITY_DB: z.string().regex(/^[A-Za-z0-9_]+$/).default('activity') },
);

export type ActivityEnv = z.infer<typeof schema>;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): ActivityEnv {
  return parseEnv(schema, source);
}
