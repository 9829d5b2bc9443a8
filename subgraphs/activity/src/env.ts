import { envSchema, parseEnv } from '@social/kit';
import { z } from 'zod';

/** Every variable activity reads, each with its one default. Only this file reads process.env. */
const schema = envSchema(
  [
    'NODE_ENV',
    'LOG_LEVEL',
    'HOST',
    'ACTIVITY_PORT',
    'ACTIVITY_OPS_PORT',
    'MEMBERS_PORT',
    'MEMBERS_URL',
    'JWKS_URL',
    'MYSQL_URL',
    'KAFKA_BROKERS',
    'GATEWAY_SECRET',
    'MAX_QUERY_DEPTH',
    'REDIS_URL',
  ],
  {
    ACTIVITY_DB: z
      .string()
      .regex(/^[A-Za-z0-9_]+$/)
      .default('activity'),
    OUTBOX_BATCH_SIZE: z.coerce.number().int().min(1).max(5000).default(2000),
    OUTBOX_POLL_MS: z.coerce.number().int().min(10).default(200),
    OUTBOX_RETENTION_SECONDS: z.coerce.number().int().min(60).default(86_400),
  },
);

export type ActivityEnv = z.infer<typeof schema>;

/** Parses `source` (the process environment unless a test passes its own) in one go. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): ActivityEnv {
  return parseEnv(schema, source);
}
