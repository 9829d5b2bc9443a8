import { createHash } from 'node:crypto';
import { expectData, graphql } from '@social/testkit';
import { startStack, type TestStack } from './stack';

interface GraphQLBody {
  data?: unknown;
  errors?: Array<{ extensions?: { code?: string } }>;
}

describe('gateway abuse limits', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack({ limits: { maxDepth: 4 } });
  });

  afterAll(() => stack.stop());

  it('refuses a query deeper than the limit while normal traffic is still served', async () => {
    const deep =
      '{ user(handle: "a") { followers { edges { node { followers { edges { node { id } } } } } } } }';
    for (const query of [deep]) {
      const response = await graphql(stack.url, { query });
      expect(response.body.errors?.[0]?.message).toMatch(/Query depth limit of 4 exceeded/);
      expect(response.body.data ?? null).toBeNull();
    }
    expect(await expectData(stack.url, { query: '{ user(handle: "a") { id } }' })).toEqual({
      user: null,
    });
  });

  it('refuses more than 15 aliases', async () => {
    const aliases = Array.from(
      { length: 16 },
      (_, i) => `a${i}: user(handle: "x${i}") { id }`,
    ).join(' ');
    const response = await graphql(stack.url, { query: `{ ${aliases} }` });
    expect(response.body.errors?.[0]?.message).toMatch(/aliases/i);
    expect(response.body.data ?? null).toBeNull();
  });

  it('refuses batched requests', async () => {
    const response = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(response.status).toBe(400);
  });

  it('refuses a body over 1 MB', async () => {
    const response = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ __typename }`, variables: { pad: 'x'.repeat(1_100_000) } }),
    });
    expect(response.status).toBe(413);
  });

  it('refuses a cross-site simple request (CSRF prevention)', async () => {
    const response = await fetch(`${stack.url}?query=${encodeURIComponent('{ __typename }')}`, {
      method: 'GET',
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF/i);
  });

  it('supports automatic persisted queries', async () => {
    const query = '{ __typename }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    const post = async (body: object): Promise<GraphQLBody> => {
      const response = await fetch(stack.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return (await response.json()) as GraphQLBody;
    };
    expect((await post({ extensions })).errors?.[0]?.extensions?.code).toBe(
      'PERSISTED_QUERY_NOT_FOUND',
    );
    expect(await post({ query, extensions })).toEqual({ data: { __typename: 'Query' } });
    expect(await post({ extensions })).toEqual({ data: { __typename: 'Query' } });
  });

  it('echoes a sane x-request-id and makes one otherwise', async () => {
    const given = await graphql(stack.url, {
      query: '{ __typename }',
      headers: { 'x-request-id': 'req-123' },
    });
    expect(given.headers.get('x-request-id')).toBe('req-123');
    const made = await graphql(stack.url, {
      query: '{ __typename }',
      headers: { 'x-request-id': 'bad id with spaces' },
    });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
