import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EnvError } from '@social/kit';
import { DEFAULT_SUBGRAPH_URLS } from '../src/compose';
import { loadConfig } from '../src/config';

const root = path.resolve(__dirname, '..', '..');
const SECRET = 'a gateway secret of at least 32 characters';

describe('the gateway configuration', () => {
  it('has a working default for everything', () => {
    expect(loadConfig({})).toEqual({
      production: false,
      log: { level: 'info' },
      tracing: { endpoint: null },
      http: { host: '127.0.0.1', port: 4000, opsPort: 4100, trustedProxies: [] },
      supergraphPath: path.join(root, 'schema', 'supergraph.graphql'),
      subgraphs: {
        urls: {
          members: 'http://127.0.0.1:4001/graphql',
          activity: 'http://127.0.0.1:4002/graphql',
          feed: 'http://127.0.0.1:4003/graphql',
        },
        timeoutMs: 10_000,
        gatewaySecret: null,
      },
      auth: { jwksUrl: 'http://127.0.0.1:4001/.well-known/jwks.json', clockSkewSeconds: 30 },
      redis: { url: 'redis://127.0.0.1:6379' },
      limits: { maxDepth: 10 },
      web: { dist: path.join(root, 'web', 'dist') },
    });
  });

  it('reads every variable it documents', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      GATEWAY_SECRET: SECRET,
      LOG_LEVEL: 'warn',
      HOST: '0.0.0.0',
      GATEWAY_PORT: '5000',
      GATEWAY_OPS_PORT: '5100',
      TRUSTED_PROXIES: '10.0.0.0/8, 192.0.2.7',
      ACTIVITY_PORT: '5002',
      MEMBERS_URL: 'http://members.internal:7001/graphql',
      FEED_URL: 'http://feed.internal/graphql',
      REDIS_URL: 'redis://redis.internal:6379',
      SUBGRAPH_TIMEOUT_MS: '2500',
      TOKEN_CLOCK_SKEW_SECONDS: '5',
      MAX_QUERY_DEPTH: '7',
      SUPERGRAPH_PATH: '/srv/supergraph.graphql',
      WEB_DIST: '/srv/web',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector.internal:4318',
    });
    expect(config.tracing).toEqual({ endpoint: 'http://collector.internal:4318' });
    expect(config.subgraphs.urls).toEqual({
      members: 'http://members.internal:7001/graphql',
      activity: 'http://127.0.0.1:5002/graphql',
      feed: 'http://feed.internal/graphql',
    });
    // Members' key set is found next to its GraphQL endpoint unless JWKS_URL says otherwise.
    expect(config.auth).toEqual({
      jwksUrl: 'http://members.internal:7001/.well-known/jwks.json',
      clockSkewSeconds: 5,
    });
    expect([config.production, config.log.level, config.http]).toEqual([
      true,
      'warn',
      {
        host: '0.0.0.0',
        port: 5000,
        opsPort: 5100,
        trustedProxies: ['10.0.0.0/8', '192.0.2.7/32'],
      },
    ]);
    expect([config.subgraphs.timeoutMs, config.limits, config.redis]).toEqual([
      2500,
      { maxDepth: 7 },
      { url: 'redis://redis.internal:6379' },
    ]);
    expect(config.subgraphs.gatewaySecret).toBe(SECRET);
    expect([config.supergraphPath, config.web]).toEqual([
      '/srv/supergraph.graphql',
      { dist: '/srv/web' },
    ]);
    expect(loadConfig({ JWKS_URL: 'https://keys.example/jwks.json' }).auth.jwksUrl).toBe(
      'https://keys.example/jwks.json',
    );
  });

  it('reports every invalid variable at once', () => {
    const parse = () =>
      loadConfig({
        LOG_LEVEL: 'loud',
        TRUSTED_PROXIES: 'lb.internal',
        TOKEN_CLOCK_SKEW_SECONDS: '31',
        MAX_QUERY_DEPTH: '0',
      });
    expect(parse).toThrow(EnvError);
    expect(parse).toThrow(
      /^Invalid environment:\n {2}LOG_LEVEL: [^\n]+\n {2}TRUSTED_PROXIES: "lb.internal" is not an address or CIDR[^\n]+\n {2}TOKEN_CLOCK_SKEW_SECONDS: [^\n]+\n {2}MAX_QUERY_DEPTH: [^\n]+$/,
    );
  });

  it('refuses to start in production without a gateway secret, or with a short one', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /^Invalid environment:\n {2}GATEWAY_SECRET: required in production/,
    );
    expect(() => loadConfig({ NODE_ENV: 'production', GATEWAY_SECRET: 'short' })).toThrow(
      /GATEWAY_SECRET: /,
    );
    // Elsewhere an unset secret turns the credential off; a set one is used.
    expect(loadConfig({ NODE_ENV: 'test' }).subgraphs.gatewaySecret).toBeNull();
    expect(loadConfig({ GATEWAY_SECRET: SECRET }).subgraphs.gatewaySecret).toBe(SECRET);
  });

  it('writes its default subgraph URLs into the committed supergraph', () => {
    const supergraph = readFileSync(path.join(root, 'schema', 'supergraph.graphql'), 'utf8');
    const written = [...supergraph.matchAll(/@join__graph\(name: "(\w+)", url: "([^"]+)"\)/g)];
    expect(Object.fromEntries(written.map(([, name, url]) => [name, url]))).toEqual(
      DEFAULT_SUBGRAPH_URLS,
    );
  });
});
