import { gatewaySecretFromEnv, tracingFromEnv, type TracingConfig } from '@social/kit';
import { loadEnv, type GatewayEnv } from './env';

/** The gateway's configuration, parsed from the environment once (see env.ts for defaults). */
export interface Config {
  production: boolean;
  log: { level: GatewayEnv['LOG_LEVEL'] };
  /** OTLP export of spans (kit tracing.ts); off unless OTEL_EXPORTER_OTLP_ENDPOINT is set. */
  tracing: TracingConfig;
  /**
   * opsPort: /readyz and /metrics (kit server.ts). trustedProxies: CIDRs of the proxies in
   * front of the gateway whose x-forwarded-for is believed (kit client-address.ts).
   */
  http: { host: string; port: number; opsPort: number; trustedProxies: string[] };
  /** The committed static supergraph the gateway plans over. */
  supergraphPath: string;
  subgraphs: {
    /** Where each subgraph lives, by the name it has in the supergraph. */
    urls: Record<string, string>;
    timeoutMs: number;
    /** Signs every subgraph request (README); null outside production when unset. */
    gatewaySecret: string | null;
  };
  auth: {
    /** Members' key set, which every access token is verified against. */
    jwksUrl: string;
    clockSkewSeconds: number;
  };
  redis: { url: string };
  limits: { maxDepth: number };
  web: { dist: string };
}

export function configFromEnv(env: GatewayEnv): Config {
  // An explicit URL wins, else loopback on the subgraph's port.
  const urls = {
    members: env.MEMBERS_URL ?? `http://127.0.0.1:${env.MEMBERS_PORT}/graphql`,
    activity: env.ACTIVITY_URL ?? `http://127.0.0.1:${env.ACTIVITY_PORT}/graphql`,
    feed: env.FEED_URL ?? `http://127.0.0.1:${env.FEED_PORT}/graphql`,
  };
  return {
    production: env.NODE_ENV === 'production',
    log: { level: env.LOG_LEVEL },
    tracing: tracingFromEnv(env),
    http: {
      host: env.HOST,
      port: env.GATEWAY_PORT,
      opsPort: env.GATEWAY_OPS_PORT,
      trustedProxies: env.TRUSTED_PROXIES,
    },
    supergraphPath: env.SUPERGRAPH_PATH,
    subgraphs: {
      urls,
      timeoutMs: env.SUBGRAPH_TIMEOUT_MS,
      gatewaySecret: gatewaySecretFromEnv(env),
    },
    auth: {
      jwksUrl: env.JWKS_URL ?? new URL('/.well-known/jwks.json', urls.members).toString(),
      clockSkewSeconds: env.TOKEN_CLOCK_SKEW_SECONDS,
    },
    redis: { url: env.REDIS_URL },
    limits: { maxDepth: env.MAX_QUERY_DEPTH },
    web: { dist: env.WEB_DIST },
  };
}

/** Parses the environment (process.env unless given) into the service's Config. */
export function loadConfig(source?: NodeJS.ProcessEnv): Config {
  return configFromEnv(loadEnv(source));
}
