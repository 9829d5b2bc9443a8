import { z } from 'zod';
import { proxyList } from './client-address';

/**
 * Parses `source` against `schema` and reports every problem at once: a service that
 * starts with half its configuration wrong fails later in ways that are harder to read.
 * An empty variable counts as unset: docker-compose.yml passes `${SMTP_URL:-}` as `SMTP_URL=`,
 * and a shell's `X= npm start` means "not given", not "an empty URL".
 */
export function parseEnv<T extends z.ZodTypeAny>(
  schema: T,
  source: NodeJS.ProcessEnv = process.env,
): z.infer<T> {
  const given = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const result = schema.safeParse(given);
  if (result.success) return result.data;
  const lines = result.error.issues.map(
    (issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`,
  );
  throw new EnvError(`Invalid environment:\n${lines.join('\n')}`);
}

export class EnvError extends Error {
  override name = 'EnvError';
}

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
const seconds = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** GATEWAY_SECRET is at least as long as HMAC-SHA256's output: a shorter key only weakens it. */
export const GATEWAY_SECRET_MIN_LENGTH = 32;

/** Variables of the runtime contract (ARCHITECTURE.md), with their documented defaults. */
export const envFields = {
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  GATEWAY_PORT: port(4000),
  MEMBERS_PORT: port(4001),
  ACTIVITY_PORT: port(4002),
  FEED_PORT: port(4003),
  HOST: z.string().default('127.0.0.1'),
  MYSQL_URL: z.string().url().default('mysql://root@127.0.0.1:3306'),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  KAFKA_BROKERS: z
    .string()
    .default('127.0.0.1:9092')
    .transform((value) =>
      value
        .split(',')
        .map((broker) => broker.trim())
        .filter(Boolean),
    ),
  PUBLIC_URL: z.string().url().default('http://localhost:4000'),
  ACCESS_TOKEN_TTL: seconds(900),
  REFRESH_TOKEN_TTL: seconds(1_209_600),
  REFRESH_REUSE_GRACE: z.coerce.number().int().min(0).default(10),
  FEED_FANOUT_MAX_FOLLOWERS: z.coerce.number().int().min(0).default(10_000),
  FEED_MAX_ENTRIES: z.coerce.number().int().positive().default(800),
  AUTH_RATE_PER_ADDRESS: z.coerce.number().int().positive().default(60),
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(10),
  MEMBERS_URL: z.string().url().optional(),
  JWKS_URL: z.string().url().optional(),
  ACTIVITY_URL: z.string().url().optional(),
  FEED_URL: z.string().url().optional(),
  /** Shared by the gateway (signs) and the subgraphs (verify); see gateway-credential.ts. */
  GATEWAY_SECRET: z.string().min(GATEWAY_SECRET_MIN_LENGTH).optional(),
  /**
   * Gateway and subgraphs alike (query-limits.ts). The web app's Feed and Profile are 10 deep
   * as graphql-armor counts (each fragment spread is a level): a lower limit refuses them.
   */
  MAX_QUERY_DEPTH: z.coerce.number().int().positive().default(10),
  /** Proxies whose x-forwarded-for is believed (client-address.ts); none by default. */
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((value, ctx) => {
      try {
        return proxyList(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
  /** Where spans go over OTLP/HTTP (tracing.ts); unset: no tracing SDK is started at all. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
  /** Each service's operations port (/readyz, /metrics): its public port + 100 by default. */
  GATEWAY_OPS_PORT: port(4100),
  MEMBERS_OPS_PORT: port(4101),
  ACTIVITY_OPS_PORT: port(4102),
  FEED_OPS_PORT: port(4103),
  // Each service's outbox relay (activity, members): rows per produce, poll, how long published rows stay.
  OUTBOX_BATCH_SIZE: z.coerce.number().int().min(1).max(5000).default(2000),
  OUTBOX_POLL_MS: z.coerce.number().int().min(10).default(200),
  OUTBOX_RETENTION_SECONDS: z.coerce.number().int().min(60).default(86_400),
} as const;

/** Builds a zod object from a subset of the contract's fields plus service-specific ones. */
export function envSchema<
  K extends keyof typeof envFields,
  X extends z.ZodRawShape = Record<string, never>,
>(keys: readonly K[], extra?: X) {
  const picked = Object.fromEntries(keys.map((key) => [key, envFields[key]])) as Pick<
    typeof envFields,
    K
  >;
  return z.object({ ...picked, ...(extra ?? ({} as X)) });
}
