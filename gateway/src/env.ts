import path from 'node:path';
import { envSchema, parseEnv } from '@social/kit';
import { z } from 'zod';

/** Where this checkout keeps what the gateway serves and plans over. */
const repoRoot = path.resolve(__dirname, '..', '..');

/** Every variable the gateway reads, each default written here once. */
const schema = envSchema(
  [
    'NODE_ENV',
    'LOG_LEVEL',
    'HOST',
    'GATEWAY_PORT',
    'MEMBERS_PORT',
    'ACTIVITY_PORT',
    'FEED_PORT',
    'MEMBERS_URL',
    'ACTIVITY_URL',
    'FEED_URL',
    'JWKS_URL',
    'REDIS_URL',
  ],
  {
    SUPERGRAPH_PATH: z.string().default(path.join(repoRoot, 'schema', 'supergraph.graphql')),
    /** The built web app; skipped when it has not been built. */
    WEB_DIST: z.string().default(path.join(repoRoot, 'web', 'dist')),
    SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
    /** Clock skew allowed on exp/nbf; at most 30 s (tests shorten it to see expiry sooner). */
    TOKEN_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(30).default(30),
    /** The web app's deepest queries (Feed, Profile, Comments) are 6 levels; 10 leaves room. */
    MAX_QUERY_DEPTH: z.coerce.number().int().positive().default(10),
  },
);

export type GatewayEnv = z.infer<typeof schema>;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): GatewayEnv {
  return parseEnv(schema, source);
}
