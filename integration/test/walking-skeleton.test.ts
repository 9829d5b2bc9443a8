import { expectData, graphql } from '@social/testkit';
import { startStack, type TestStack } from './stack';

describe('a request through the gateway to the real subgraphs', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack();
  });

  afterAll(() => stack.stop());

  it('answers { __typename }', async () => {
    expect(await expectData(stack.url, { query: '{ __typename }' })).toEqual({
      __typename: 'Query',
    });
  });

  it('plans a query across members and activity and returns both parts', async () => {
    const alice = await stack.member();
    const bob = await stack.member();
    await expectData(stack.url, {
      query: 'mutation($id: ID!) { follow(userId: $id) { id } }',
      variables: { id: alice.userId },
      headers: { authorization: `Bearer ${bob.accessToken}` },
    });
    const data = await expectData(stack.url, {
      query:
        'query($handle: String) { user(handle: $handle) { id handle followerCount followingCount viewerFollows } }',
      variables: { handle: alice.handle.toUpperCase() },
      headers: { authorization: `Bearer ${bob.accessToken}` },
    });
    expect(data).toEqual({
      user: {
        id: alice.userId,
        handle: alice.handle,
        followerCount: 1,
        followingCount: 0,
        viewerFollows: true,
      },
    });
  });

  it('answers /readyz only when Redis and every subgraph answer', async () => {
    const response = await fetch(new URL('/readyz', stack.opsUrls.gateway));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ready',
      checks: { redis: 'ok', members: 'ok', activity: 'ok', feed: 'ok' },
    });
  });

  it('answers a malformed query with a coded error and no internals', async () => {
    const response = await graphql(stack.url, { query: '{ user(id: "x", handle: "y") { id } }' });
    expect(response.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(response.body)).not.toMatch(/stack|\.ts:|select /i);
  });
});
