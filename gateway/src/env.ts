import path from 'node:path';
import { envFields, envSchema, parseEnv } from '@social/kit';
import { z } from 'zod';

/** Where this checkout keeps what the gateway serves and plans over. */
const repoRoot = path.resolve(__dirname, '..', '..');

/** Every variable the gateway reads, each default written here once. */
const schema = envSchema(
  [
    'NODE_ENV',
    'LOG_LEVEL',
    'OTEL_EXPORTER_OTLP_ENDPOINT',
    'HOST',
    'GATEWAY_PORT',
    'GATEWAY_OPS_PORT',
    'TRUSTED_PROXIES',
    'MEMBERS_PORT',
    'ACTIVITY_PORT',
    'FEED_PORT',
    'MEMBERS_URL',
    'ACTIVITY_URL',
    'FEED_URL',
    'JWKS_URL',
    'REDIS_URL',
    'GATEWAY_SECRET',
  ],
  {
    SUPERGRAPH_PATH: z.string().default(path.join(repoRoot, 'schema', 'supergraph.graphql')),
    /** The built web app; skipped when it has not been built. */
    WEB_DIST: z.string().default(path.join(repoRoot, 'web', 'dist')),
    SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
    /** Clock skew allowed on exp/nbf; at most 30 s (tests shorten it to see expiry sooner). */
    TOKEN_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(30).default(30),
    /** The kit's one definition (subgraphs read it too), listed here after the gateway's own. */
    MAX_QUERY_DEPTH: envFields.MAX_QUERY_DEPTH,
  },
);

export type GatewayEnv = z.infer<typeof schema>;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): GatewayEnv {
  return parseEnv(schema, source);
}
