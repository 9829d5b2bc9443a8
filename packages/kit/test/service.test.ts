import { graphql } from '@social/testkit';
import { buildSchema } from 'graphql';
import pino from 'pino';
import { createGraphQLService, type GraphQLService } from '../src';

const schema = buildSchema(`
  type Query { user(handle: String): User me: Me }
  type User { id: ID! friend: User }
  type Me { email: String }
`);

describe("a kit service's public and operations ports", () => {
  let service: GraphQLService;
  let url: string;
  let base: string;
  let ops: string;

  beforeAll(async () => {
    service = await createGraphQLService({
      name: 'test',
      schema,
      logger: pino({ level: 'silent' }),
      queryLimits: { maxDepth: 3 },
      production: true,
      readiness: { database: async () => undefined },
      context: async () => ({}),
    });
    base = `http://127.0.0.1:${await service.listen(0)}`;
    url = `${base}/graphql`;
    ops = `http://127.0.0.1:${await service.listenOps(0)}`;
  });

  afterAll(() => service.stop());

  it('keeps /healthz public and serves /readyz and /metrics only on the operations port', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(404);
    expect((await fetch(`${base}/metrics`)).status).toBe(404);
    expect(await (await fetch(`${ops}/readyz`)).json()).toEqual({
      status: 'ready',
      checks: { database: 'ok' },
    });
    expect(await (await fetch(`${ops}/metrics`)).text()).toMatch(/^nodejs_version_info\{/m);
    expect((await fetch(`${ops}/healthz`)).status).toBe(200);
  });

  it.each(['{ me { email ', '{ user(handle: ) { id } }'])(
    'answers the malformed document %j with HTTP 400 GRAPHQL_PARSE_FAILED',
    async (query) => {
      const response = await graphql(url, { query });
      expect(response.status).toBe(400);
      expect(response.body.errors?.map((error) => error.extensions?.code)).toEqual([
        'GRAPHQL_PARSE_FAILED',
      ]);
    },
  );

  it('words a refused limit as what it is, not as a syntax error', async () => {
    const response = await graphql(url, { query: '{ user { friend { friend { id } } } }' });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      {
        message: 'Query depth limit of 3 exceeded, found 4.',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      },
    ]);
  });
});
