import { MEMBER_TOPIC } from '@social/events';
import { envSchema, parseEnv } from '@social/kit';
import { z } from 'zod';

/** "per minute,per day", e.g. "10,500": a member's budget of one kind of write. */
const budget = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value, ctx) => {
      const match = /^\s*(\d+)\s*,\s*(\d+)\s*$/.exec(value);
      const [perMinute, perDay] = [Number(match?.[1]), Number(match?.[2])];
      if (!match || perMinute < 1 || perDay < perMinute) {
        ctx.addIssue({
          code: 'custom',
          message: `"${value}" is not "<per minute>,<per day>" with 1 <= per minute <= per day`,
        });
        return z.NEVER;
      }
      return { perMinute, perDay };
    });

/** Every variable activity reads, each with its one default. Only this file reads process.env. */
const schema = envSchema(
  [
    'NODE_ENV',
    'LOG_LEVEL',
    'OTEL_EXPORTER_OTLP_ENDPOINT',
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
    'OUTBOX_BATCH_SIZE',
    'OUTBOX_POLL_MS',
    'OUTBOX_RETENTION_SECONDS',
  ],
  {
    ACTIVITY_DB: z
      .string()
      .regex(/^[A-Za-z0-9_]+$/)
      .default('activity'),
    // Per member (README, configuration): people post a few times a day, scripts hundreds a minute.
    ACTIVITY_LIMIT_POSTS: budget('10,500'),
    ACTIVITY_LIMIT_COMMENTS: budget('20,1000'),
    ACTIVITY_LIMIT_LIKES: budget('60,2000'),
    ACTIVITY_LIMIT_FOLLOWS: budget('20,400'),
    ACTIVITY_TOGGLE_MAX_CHANGES: z.coerce.number().int().positive().default(4),
    ACTIVITY_TOGGLE_WINDOW_SECONDS: z.coerce.number().int().positive().default(3600),
    // member.deleted comes from here; tests give each server its own topic and group.
    ACTIVITY_MEMBER_TOPIC: z.string().min(1).default(MEMBER_TOPIC.topic),
    ACTIVITY_MEMBER_GROUP_ID: z.string().min(1).default('activity-member-events'),
  },
);

export type ActivityEnv = z.infer<typeof schema>;

/** Parses `source` (the process environment unless a test passes its own) in one go. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): ActivityEnv {
  return parseEnv(schema, source);
}
