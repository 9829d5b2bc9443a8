import path from 'node:path';
import { envSchema, parseEnv } from '@social/kit';
import { z } from 'zod';

/** The repository root, from src/ or dist/ alike: dev keys and the dev mailbox live in `<repo>/.dev`. */
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

const seconds = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** Every variable members reads, each default written here once; config.ts shapes them. */
const fields = envSchema(
  [
    'NODE_ENV',
    'LOG_LEVEL',
    'OTEL_EXPORTER_OTLP_ENDPOINT',
    'HOST',
    'MEMBERS_PORT',
    'MEMBERS_OPS_PORT',
    'TRUSTED_PROXIES',
    'MYSQL_URL',
    'REDIS_URL',
    'PUBLIC_URL',
    'ACCESS_TOKEN_TTL',
    'REFRESH_TOKEN_TTL',
    'REFRESH_REUSE_GRACE',
    'AUTH_RATE_PER_ADDRESS',
    'LOGIN_MAX_FAILURES',
    'GATEWAY_SECRET',
    'MAX_QUERY_DEPTH',
    'KAFKA_BROKERS',
    'OUTBOX_BATCH_SIZE',
    'OUTBOX_POLL_MS',
    'OUTBOX_RETENTION_SECONDS',
  ],
  {
    MEMBERS_DB: z
      .string()
      .regex(/^[A-Za-z0-9_]+$/)
      .default('members'),
    // Unset means "no mail server": messages go to DEV_MAILBOX_DIR (ARCHITECTURE.md).
    SMTP_URL: z.string().url().optional(),
    MAIL_FROM: z.string().min(3).default('Social <no-reply@social.localhost>'),
    DEV_MAILBOX_DIR: z.string().default(path.join(REPO_ROOT, '.dev', 'mailbox')),
    DEV_KEY_DIR: z.string().default(path.join(REPO_ROOT, '.dev', 'keys')),
    // Production only, and never defaulted: @social/auth refuses to start without a signing key.
    JWT_SIGNING_KEY: z.string().optional(),
    JWT_PUBLISHED_KEYS: z.string().optional(),
    // The cap that sliding refreshes never extend: a stolen family dies after this whatever happens.
    REFRESH_TOKEN_ABSOLUTE_TTL: seconds(30 * 24 * 3600),
    EMAIL_VERIFICATION_TTL: seconds(24 * 3600),
    PASSWORD_RESET_TTL: seconds(3600),
    // argon2 hashes at once, and the line behind them (README, configuration: logins are shed past it).
    ARGON2_CONCURRENCY: z.coerce.number().int().positive().default(2),
    ARGON2_MAX_QUEUED: z.coerce.number().int().min(0).default(20),
    ARGON2_MAX_WAIT_MS: z.coerce.number().int().positive().default(1000),
    // Verification, reset and email-change mails one address receives per hour, whoever asks.
    MAIL_PER_RECIPIENT_PER_HOUR: z.coerce.number().int().positive().default(5),
    // searchUsers calls per client address per minute: a read, so far more than the auth calls.
    SEARCH_RATE_PER_ADDRESS: z.coerce.number().int().positive().default(120),
    // 0 turns the scheduled sweep off (tests run it themselves).
    SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(600),
  },
);

// Without a mail server, production would write people's links to a folder nobody reads.
const schema = fields.superRefine((env, ctx) => {
  if (env.NODE_ENV === 'production' && !env.SMTP_URL)
    ctx.addIssue({
      code: 'custom',
      path: ['SMTP_URL'],
      message: 'is required when NODE_ENV=production (the dev mailbox is for development only)',
    });
});

export type MembersEnv = z.infer<typeof schema>;

/** The only place members reads the process environment. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): MembersEnv {
  return parseEnv(schema, source);
}
