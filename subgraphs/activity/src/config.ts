import { gatewaySecretFromEnv, tracingFromEnv, type TracingConfig } from '@social/kit';
import { loadEnv, type ActivityEnv } from './env';
import { relaySettingsFromEnv, type RelaySettings } from '@social/kit/outbox';
import type { MemberEventsSettings } from './members/member-events.consumer';
import type { WriteLimitsConfig } from './shared/write-limits';

/** Activity's settings, nested by what uses them; each part takes only its slice. */
export interface Config {
  production: boolean;
  log: { level: ActivityEnv['LOG_LEVEL'] };
  /** OTLP export of spans (kit tracing.ts); off unless OTEL_EXPORTER_OTLP_ENDPOINT is set. */
  tracing: TracingConfig;
  /** opsPort: /readyz and /metrics (kit server.ts). */
  http: { host: string; port: number; opsPort: number };
  mysql: { url: string; dbName: string };
  kafka: { brokers: string[] };
  /**
   * Revoked sessions (members writes them) and their announcements; the write limits'
   * counters, under keyPrefix (tests use one per server).
   */
  redis: { url: string; keyPrefix: string };
  writeLimits: WriteLimitsConfig;
  /** Members' endpoints: follow targets are looked up there, access tokens verified by its JWKS. */
  members: { graphqlUrl: string; jwksUrl: string };
  relay: RelaySettings;
  /** Members' events (member.deleted): activity removes a deleted member's rows. */
  memberEvents: MemberEventsSettings;
  /** Null outside production when unset: /graphql then answers anyone (README). */
  gatewaySecret: string | null;
  queryLimits: { maxDepth: number };
}

/** Turns the parsed environment into the `Config`. */
export function configFromEnv(env: ActivityEnv): Config {
  // Explicit URLs win, otherwise members on this host at MEMBERS_PORT.
  const members = `http://127.0.0.1:${env.MEMBERS_PORT}`;
  return {
    production: env.NODE_ENV === 'production',
    log: { level: env.LOG_LEVEL },
    tracing: tracingFromEnv(env),
    http: { host: env.HOST, port: env.ACTIVITY_PORT, opsPort: env.ACTIVITY_OPS_PORT },
    mysql: { url: env.MYSQL_URL, dbName: env.ACTIVITY_DB },
    kafka: { brokers: env.KAFKA_BROKERS },
    redis: { url: env.REDIS_URL, keyPrefix: 'activity:' },
    writeLimits: {
      budgets: {
        post: env.ACTIVITY_LIMIT_POSTS,
        comment: env.ACTIVITY_LIMIT_COMMENTS,
        like: env.ACTIVITY_LIMIT_LIKES,
        follow: env.ACTIVITY_LIMIT_FOLLOWS,
      },
      toggle: {
        maxChanges: env.ACTIVITY_TOGGLE_MAX_CHANGES,
        windowSeconds: env.ACTIVITY_TOGGLE_WINDOW_SECONDS,
      },
    },
    members: {
      graphqlUrl: env.MEMBERS_URL ?? `${members}/graphql`,
      jwksUrl: env.JWKS_URL ?? `${members}/.well-known/jwks.json`,
    },
    relay: relaySettingsFromEnv(env),
    memberEvents: { topic: env.ACTIVITY_MEMBER_TOPIC, groupId: env.ACTIVITY_MEMBER_GROUP_ID },
    gatewaySecret: gatewaySecretFromEnv(env),
    queryLimits: { maxDepth: env.MAX_QUERY_DEPTH },
  };
}

/** Parses the environment (process.env unless given) into the service's Config. */
export function loadConfig(source?: NodeJS.ProcessEnv): Config {
  return configFromEnv(loadEnv(source));
}
