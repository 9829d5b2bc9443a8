import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { trustedProxies } from '../packages/kit/src/client-address';
import { envFields } from '../packages/kit/src/env';
import { SHUTDOWN_TIMEOUT_MS } from '../packages/kit/src/shutdown';
import { PINNED_NODE } from '../scripts/lib/node-runtime.mjs';
import { loadConfig as gatewayConfigOf } from '../gateway/src/config';
import {
  environmentProblems,
  parseCompose,
  parseEnvFile,
  PARSERS,
  pinAndVolumeProblems,
  serviceEnvironment,
} from './compose-check';

const root = path.resolve(__dirname, '..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const composeText = read('docker-compose.yml');
const compose = parseCompose(composeText);
const envExample = read('.env.example');
const dockerfile = read('Dockerfile');
const APP = ['members', 'activity', 'feed', 'gateway'];

/** `.env.example`'s active lines: what `cp .env.example .env` gives compose. */
const example = parseEnvFile(envExample);
/** Production as `.env.example` describes it, with real secrets made here (never in git). */
const production = {
  ...example,
  NODE_ENV: 'production',
  PUBLIC_URL: 'https://social.example.com',
  SMTP_URL: 'smtp://user:password@smtp.example.com:587',
  GATEWAY_SECRET: randomBytes(32).toString('hex'),
  JWT_SIGNING_KEY: generateKeyPairSync('ec', { namedCurve: 'P-256' })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString(),
};

/**
 * Docker cannot run on these machines, so this is the check that `docker compose up` starts:
 * each service's compose environment goes through that service's own env.ts and config.ts.
 */
describe('docker-compose.yml: every service accepts its environment', () => {
  it('with nothing set (plain `docker compose up`): development', () => {
    expect(environmentProblems(compose, {})).toEqual([]);
    expect(serviceEnvironment(compose, 'members', {})).toMatchObject({
      NODE_ENV: 'development',
      SMTP_URL: 'smtp://mailpit:1025',
    });
  });

  it('with .env.example copied to .env', () => {
    expect(environmentProblems(compose, example)).toEqual([]);
  });

  it('sends every service’s spans to Jaeger, and none once the endpoint is set empty', () => {
    for (const name of APP) {
      const environment = serviceEnvironment(compose, name, {});
      expect([name, environment.OTEL_EXPORTER_OTLP_ENDPOINT]).toEqual([name, 'http://jaeger:4318']);
      const off = serviceEnvironment(compose, name, { OTEL_EXPORTER_OTLP_ENDPOINT: '' });
      const config = PARSERS[name]?.(off) as { tracing: { endpoint: string | null } };
      expect([name, config.tracing.endpoint]).toEqual([name, null]);
    }
    expect(compose.services.jaeger?.image).toMatch(/^jaegertracing\/jaeger:2\.\d+\.\d+$/);
  });

  it('in production, with the secrets .env.example asks for', () => {
    expect(environmentProblems(compose, production)).toEqual([]);
  });

  it('refuses production without the gateway secret or the signing key', () => {
    const noSecret = environmentProblems(compose, { ...production, GATEWAY_SECRET: '' });
    expect(noSecret.map((line) => line.split(':')[0])).toEqual(APP);
    expect(noSecret[0]).toContain('GATEWAY_SECRET: required in production');
    const noKey = environmentProblems(compose, { ...production, JWT_SIGNING_KEY: '' });
    expect(noKey).toEqual([expect.stringMatching(/^members: .*JWT_SIGNING_KEY/)]);
  });

  it('fails on one broken value, in the compose file or in .env', () => {
    const broken = parseCompose(
      composeText.replace('FEED_MAX_ENTRIES: ${FEED_MAX_ENTRIES:-800}', 'FEED_MAX_ENTRIES: lots'),
    );
    expect(environmentProblems(broken, {})).toEqual([
      expect.stringMatching(/^feed: Invalid environment:\n {2}FEED_MAX_ENTRIES: /),
    ]);
    const badUrl = environmentProblems(compose, { ...example, PUBLIC_URL: 'not a url' });
    expect(badUrl.map((line) => line.split(':')[0])).toEqual(['members']);
  });

  it('uses every variable .env.example documents', () => {
    const unused = Object.keys(example).filter((name) => !composeText.includes(`\${${name}`));
    expect(unused).toEqual([]);
  });

  it('passes every variable of the runtime contract to the services', () => {
    const contract = Object.keys(envFields).filter(
      (name) => !['HOST', 'LOG_LEVEL'].includes(name) && !name.endsWith('_PORT'),
    );
    for (const name of APP) {
      const environment = compose.services[name]?.environment ?? {};
      const missing = contract.filter((variable) => !(variable in environment));
      expect([name, missing]).toEqual([name, []]);
    }
  });
});

describe('docker-compose.yml and the Dockerfile', () => {
  it('runs MySQL 8.4, Apache Kafka 4, Redis 7, Mailpit, Jaeger, the four services and nginx in front', () => {
    expect(Object.keys(compose.services).sort()).toEqual(
      [
        'activity',
        'feed',
        'gateway',
        'jaeger',
        'kafka',
        'lb',
        'mailpit',
        'members',
        'mysql',
        'redis',
      ].sort(),
    );
    expect(compose.services.mysql?.image).toMatch(/^mysql:8\.4\./);
    expect(compose.services.redis?.image).toMatch(/^redis:7\./);
  });

  it('pins every image to a version, and keeps data only in named volumes', () => {
    expect(pinAndVolumeProblems(compose, dockerfile)).toEqual([]);
  });

  it('reports an unpinned image and a bind mount', () => {
    const loose = parseCompose(
      composeText
        .replace('image: redis:7.4.5-alpine', 'image: redis:7-alpine')
        .replace('- mysql-data:/var/lib/mysql', '- ./mysql:/var/lib/mysql'),
    );
    expect(pinAndVolumeProblems(loose, 'FROM node:24-slim\n')).toEqual([
      'mysql: volume ./mysql:/var/lib/mysql is not a named volume',
      'redis: image redis:7-alpine is not pinned to a version',
      'Dockerfile: FROM node:24-slim is not pinned',
    ]);
  });

  it('runs the Kafka the tests run (infra/kafka/pom.xml) and the Node the scripts pin', () => {
    const kafka = /<kafka\.version>([^<]+)</.exec(read('infra/kafka/pom.xml'))?.[1];
    expect(compose.services.kafka?.image).toBe(`apache/kafka:${kafka}`);
    const froms = [...dockerfile.matchAll(/^FROM\s+node:(\S+?)-/gm)].map((match) => match[1]);
    expect(froms).toEqual([PINNED_NODE.version, PINNED_NODE.version]);
  });

  it('gives every service a health check, and the services longer to stop than they drain', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      expect([name, Boolean(service.healthcheck?.test)]).toEqual([name, true]);
    }
    for (const name of APP) {
      const grace = Number(/^(\d+)s$/.exec(compose.services[name]?.stop_grace_period ?? '')?.[1]);
      expect([name, grace * 1000 > SHUTDOWN_TIMEOUT_MS]).toEqual([name, true]);
    }
  });

  it.each(APP)('runs %s from its compiled entry point', (name) => {
    const entry = compose.services[name]?.command?.[1] ?? '';
    expect(entry).toBe(
      name === 'gateway' ? 'gateway/dist/index.js' : `subgraphs/${name}/dist/index.js`,
    );
  });

  it('builds the web app into the image and runs it as node, owning /app', () => {
    expect(dockerfile).toContain('RUN npx turbo run build');
    expect(dockerfile).toMatch(/COPY --from=build --chown=node:node \/app \/app\nUSER node/);
  });

  it('publishes MySQL, Redis, Kafka, Mailpit and Jaeger on the host’s loopback only', () => {
    for (const name of ['mysql', 'redis', 'kafka', 'mailpit', 'jaeger']) {
      const ports = compose.services[name]?.ports ?? [];
      expect([
        name,
        ports.length > 0 && ports.every((port) => port.startsWith('127.0.0.1:')),
      ]).toEqual([name, true]);
    }
  });
});

/**
 * `docker compose up --scale members=2 --scale activity=2 --scale feed=2 --scale gateway=2`:
 * what Docker would refuse or get wrong with replicas, checked on the file.
 */
describe('docker-compose.yml with many instances of each service', () => {
  const lb = compose.services.lb;
  const nginxConf = () => {
    const source = lb?.configs?.find((c) => c.target === '/etc/nginx/nginx.conf')?.source ?? '';
    return read(compose.configs?.[source]?.file ?? 'missing nginx.conf');
  };

  it.each(APP)('lets %s run as many replicas: no host port, no container name', (name) => {
    const service = compose.services[name];
    expect({ name, ports: service?.ports, container: service?.container_name }).toEqual({
      name,
      ports: undefined,
      container: undefined,
    });
  });

  it('reaches every subgraph by its service name, which Docker answers with every replica', () => {
    const gateway = serviceEnvironment(compose, 'gateway', {});
    expect(gateway).toMatchObject({
      MEMBERS_URL: 'http://members:4001/graphql',
      ACTIVITY_URL: 'http://activity:4002/graphql',
      FEED_URL: 'http://feed:4003/graphql',
      JWKS_URL: 'http://members:4001/.well-known/jwks.json',
    });
  });

  it('publishes nginx (lb), pinned to a release whose upstreams re-resolve, on the gateway host port', () => {
    const [major = 0, minor = 0, patch = 0] = (
      /^nginx:(\d+)\.(\d+)\.(\d+)/.exec(lb?.image ?? '') ?? []
    )
      .slice(1)
      .map(Number);
    // The upstream `resolve` parameter is in open-source nginx from 1.27.3 on.
    expect(major * 1e6 + minor * 1e3 + patch).toBeGreaterThanOrEqual(1_027_003);
    expect(lb?.ports).toEqual(['${GATEWAY_HOST_PORT:-4000}:4000']);
    expect(lb?.depends_on?.gateway?.condition).toBe('service_healthy');
  });

  it('balances over every gateway replica: its config names the gateway service, re-resolved by Docker’s DNS', () => {
    const conf = nginxConf();
    const gatewayPort = serviceEnvironment(compose, 'gateway', {}).GATEWAY_PORT;
    expect(conf).toMatch(/^\s*resolver 127\.0\.0\.11\b/m);
    expect(conf).toMatch(
      new RegExp(`upstream gateway \\{[^}]*server gateway:${gatewayPort} resolve;`),
    );
    expect(conf).toMatch(/^\s*listen 4000;/m);
    expect(conf).toMatch(/^\s*proxy_pass http:\/\/gateway;/m);
  });

  it('makes the gateway believe the client address nginx writes, and only that', () => {
    // nginx replaces X-Forwarded-For with the one address it accepted...
    expect(nginxConf()).toMatch(/^\s*proxy_set_header X-Forwarded-For \$remote_addr;/m);
    // ...and the gateway, reached only from the compose network, trusts that network's peers.
    const env = serviceEnvironment(compose, 'gateway', {});
    const trust = trustedProxies(gatewayConfigOf(env).http.trustedProxies);
    expect(['172.18.0.5', '10.0.3.7', '192.168.1.2'].every((a) => trust.isTrusted(a))).toBe(true);
    expect(trust.isTrusted('203.0.113.9')).toBe(false);
  });
});
