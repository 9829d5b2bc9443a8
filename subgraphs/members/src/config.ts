import { relaySettingsFromEnv, type RelaySettings } from '@social/kit/outbox';
import type { LoadSigningKeysOptions } from '@social/auth';
import { gatewaySecretFromEnv, tracingFromEnv, type TracingConfig } from '@social/kit';
import { loadEnv, type MembersEnv } from './env';
import type { HasherLimits } from './shared/password-hasher';

/** Durations in seconds unless named otherwise. */
export interface Config {
  production: boolean;
  log: { level: MembersEnv['LOG_LEVEL'] };
  /** OTLP export of spans (kit tracing.ts); off unless OTEL_EXPORTER_OTLP_ENDPOINT is set. */
  tracing: TracingConfig;
  /**
   * opsPort: /readyz and /metrics (kit server.ts). trustedProxies: whose x-forwarded-for is
   * believed when the request is not the gateway's (kit client-address.ts).
   */
  http: { host: string; port: number; opsPort: number; trustedProxies: string[] };
  /** Base of the links in mails and of default avatar URLs, without a trailing slash. */
  publicUrl: string;
  mysql: { url: string; database: string };
  /** keyPrefix namespaces rate-limit counters and the sweep lock (tests use one per server). */
  redis: { url: string; keyPrefix: string };
  keys: LoadSigningKeysOptions;
  mail: { smtpUrl: string | undefined; from: string; devMailboxDir: string };
  sessions: SessionsConfig;
  limits: LimitsConfig;
  oneTimeTokens: { emailVerificationTtl: number; passwordResetTtl: number };
  /** 0: no scheduled sweep. */
  sweep: { intervalMs: number };
  /** member.deleted goes out through members' own outbox (kit outbox) to member-events.v1. */
  kafka: { brokers: string[] };
  relay: RelaySettings;
  /** Null outside production when unset: /graphql then answers anyone (README). */
  gatewaySecret: string | null;
  queryLimits: { maxDepth: number };
}

export interface SessionsConfig {
  accessTokenTtl: number;
  refreshTokenTtl: number;
  refreshAbsoluteTtl: number;
  refreshReuseGrace: number;
  /** The refresh cookie is Secure in production only (plain-http development and tests). */
  secureCookies: boolean;
}

export interface LimitsConfig {
  authRatePerAddress: number;
  searchRatePerAddress: number;
  loginMaxFailures: number;
  /** Verification, reset and email-change mails per recipient address per hour. */
  mailPerRecipientPerHour: number;
  argon2: HasherLimits;
}

function configFromEnv(env: MembersEnv): Config {
  const production = env.NODE_ENV === 'production';
  return {
    production,
    log: { level: env.LOG_LEVEL },
    tracing: tracingFromEnv(env),
    http: {
      host: env.HOST,
      port: env.MEMBERS_PORT,
      opsPort: env.MEMBERS_OPS_PORT,
      trustedProxies: env.TRUSTED_PROXIES,
    },
    publicUrl: env.PUBLIC_URL.replace(/\/+$/, ''),
    mysql: { url: env.MYSQL_URL, database: env.MEMBERS_DB },
    redis: { url: env.REDIS_URL, keyPrefix: 'members:' },
    keys: {
      production,
      devKeyDir: env.DEV_KEY_DIR,
      signingKeyPem: env.JWT_SIGNING_KEY,
      publishedKeysPem: env.JWT_PUBLISHED_KEYS,
    },
    mail: { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM, devMailboxDir: env.DEV_MAILBOX_DIR },
    sessions: {
      accessTokenTtl: env.ACCESS_TOKEN_TTL,
      refreshTokenTtl: env.REFRESH_TOKEN_TTL,
      refreshAbsoluteTtl: env.REFRESH_TOKEN_ABSOLUTE_TTL,
      refreshReuseGrace: env.REFRESH_REUSE_GRACE,
      secureCookies: production,
    },
    limits: {
      authRatePerAddress: env.AUTH_RATE_PER_ADDRESS,
      searchRatePerAddress: env.SEARCH_RATE_PER_ADDRESS,
      loginMaxFailures: env.LOGIN_MAX_FAILURES,
      mailPerRecipientPerHour: env.MAIL_PER_RECIPIENT_PER_HOUR,
      argon2: {
        concurrency: env.ARGON2_CONCURRENCY,
        maxQueued: env.ARGON2_MAX_QUEUED,
        maxWaitMs: env.ARGON2_MAX_WAIT_MS,
      },
    },
    oneTimeTokens: {
      emailVerificationTtl: env.EMAIL_VERIFICATION_TTL,
      passwordResetTtl: env.PASSWORD_RESET_TTL,
    },
    sweep: { intervalMs: env.SWEEP_INTERVAL_SECONDS * 1000 },
    kafka: { brokers: env.KAFKA_BROKERS },
    relay: relaySettingsFromEnv(env),
    gatewaySecret: gatewaySecretFromEnv(env),
    queryLimits: { maxDepth: env.MAX_QUERY_DEPTH },
  };
}

/** Parses the environment (process.env unless given) into the service's Config. */
export function loadConfig(source?: NodeJS.ProcessEnv): Config {
  return configFromEnv(loadEnv(source));
}

/** Revocation entries outlive the longest access token of the session, plus clock skew. */
export function revocationTtl(sessions: SessionsConfig): number {
  return sessions.accessTokenTtl + 60;
}
