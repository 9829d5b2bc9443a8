import path from 'node:path';
import { envSchema, parseEnv } from '@social/kit';
import { z } from 'zod';

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
    SUPERGRAPH_PATH: z
      .string()
      .default(path.resolve(__dirname, '..', '..', 'schema', 'supergraph.graphql')),
    SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
    /** The web app's deepest queries (Feed, Profile, Comments) are 6 levels; 10 leaves room. */
    /** Clock skew allowed on exp/nbf; at most 30 s (tests shorten it to see expiry sooner). */
    TOKEN_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(30).default(30),
    MAX_QUERY_DEPTH: z.coerce.number().int().positive().default(10),
  },
);

export type GatewayEnv = z.infer<typeof schema>;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): GatewayEnv {
  return parseEnv(schema, source);
}

/** Where each subgraph lives: an explicit URL wins, else loopback on its port. */
export function subgraphUrls(env: GatewayEnv): Record<string, string> {
  return {
    members: env.MEMBERS_URL ?? `http://127.0.0.1:${env.MEMBERS_PORT}/graphql`,
    activity: env.ACTIVITY_URL ?? `http://127.0.0.1:${env.ACTIVITY_PORT}/graphql`,
    feed: env.FEED_URL ?? `http://127.0.0.1:${env.FEED_PORT}/graphql`,
  };
}

export function jwksUrl(env: GatewayEnv): string {
  return env.JWKS_URL ?? new URL('/.well-known/jwks.json', subgraphUrls(env).members).toString();
}
