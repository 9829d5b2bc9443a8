import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { envFields } from '../packages/kit/src/env';

const root = path.resolve(__dirname, '..');
const compose = parse(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), {
  merge: true,
}) as {
  services: Record<
    string,
    {
      image?: string;
      build?: unknown;
      environment?: Record<string, unknown>;
      healthcheck?: { test: unknown };
      command?: string[];
    }
  >;
};

/** Docker cannot run on these machines, so this is the check that the file stays true. */
describe('docker-compose.yml', () => {
  it('names every service of the stack', () => {
    expect(Object.keys(compose.services).sort()).toEqual(
      ['activity', 'feed', 'gateway', 'kafka', 'members', 'mysql', 'redis'].sort(),
    );
  });

  it('uses MySQL 8.4, Apache Kafka 4 and Redis 7', () => {
    expect(compose.services.mysql?.image).toBe('mysql:8.4');
    expect(compose.services.kafka?.image).toMatch(/^apache\/kafka:4\./);
    expect(compose.services.redis?.image).toMatch(/^redis:7/);
  });

  it('gives every service a health check', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      expect([name, Boolean(service.healthcheck?.test)]).toEqual([name, true]);
    }
  });

  it.each(['members', 'activity', 'feed', 'gateway'])(
    'runs %s from its compiled entry point',
    (name) => {
      const entry = compose.services[name]?.command?.[1] ?? '';
      const expected =
        name === 'gateway' ? 'gateway/dist/index.js' : `subgraphs/${name}/dist/index.js`;
      expect(entry).toBe(expected);
    },
  );

  it('passes every variable of the runtime contract to the services', () => {
    const contract = Object.keys(envFields).filter(
      (name) => !['HOST', 'LOG_LEVEL'].includes(name) && !name.endsWith('_PORT'),
    );
    for (const name of ['members', 'activity', 'feed', 'gateway']) {
      const environment = compose.services[name]?.environment ?? {};
      const missing = contract.filter((variable) => !(variable in environment));
      expect([name, missing]).toEqual([name, []]);
    }
  });

  it('requires a production signing key instead of shipping one', () => {
    expect(String(compose.services.members?.environment?.JWT_SIGNING_KEY)).toMatch(
      /^\$\{JWT_SIGNING_KEY:\?/,
    );
    expect(compose.services.members?.environment?.NODE_ENV).toBe('production');
  });

  it('requires the gateway secret of all four services instead of shipping one', () => {
    for (const name of ['members', 'activity', 'feed', 'gateway']) {
      const environment = compose.services[name]?.environment ?? {};
      expect([name, String(environment.GATEWAY_SECRET)]).toEqual([
        name,
        expect.stringMatching(/^\$\{GATEWAY_SECRET:\?/),
      ]);
    }
  });
});
