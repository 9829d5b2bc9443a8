import { graphql } from '@social/testkit';
import { startStack, type TestStack } from './stack';

const CREATE = 'mutation($body: String!) { createPost(body: $body) { id } }';
const FOLLOW = 'mutation($id: ID!) { follow(userId: $id) { id } }';
const UNFOLLOW = 'mutation($id: ID!) { unfollow(userId: $id) { id } }';

/**
 * Activity's per-member limits as a client meets them: through the production gateway, whose
 * error masking keeps RATE_LIMITED and its retry-after.
 */
describe('per-member write limits through the gateway', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack(
      { production: true },
      { env: { ACTIVITY_LIMIT_POSTS: '2,50', ACTIVITY_TOGGLE_MAX_CHANGES: '2' } },
    );
  });
  afterAll(() => stack.stop());

  const as = (token: string, query: string, variables: Record<string, unknown>) =>
    graphql(stack.url, { query, variables, headers: { authorization: `Bearer ${token}` } });

  it('answers RATE_LIMITED with retryAfterSeconds past a budget, for that member only', async () => {
    const [alice, bob] = [await stack.member(), await stack.member()];
    for (const body of ['one', 'two'])
      expect((await as(alice.accessToken, CREATE, { body })).body.errors).toBeUndefined();
    const refused = await as(alice.accessToken, CREATE, { body: 'three' });
    expect(refused.status).toBe(200);
    expect(refused.body.errors).toEqual([
      {
        message: 'Too many changes; try again later',
        path: ['createPost'],
        extensions: { code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) },
      },
    ]);
    expect((await as(bob.accessToken, CREATE, { body: 'mine' })).body.errors).toBeUndefined();
  });

  it('cools a follow/unfollow storm down after the pair has changed twice', async () => {
    const [alice, bob] = [await stack.member(), await stack.member()];
    expect((await as(alice.accessToken, FOLLOW, { id: bob.userId })).body.errors).toBeUndefined();
    expect((await as(alice.accessToken, UNFOLLOW, { id: bob.userId })).body.errors).toBeUndefined();
    const storm = await as(alice.accessToken, FOLLOW, { id: bob.userId });
    expect(storm.body.errors?.[0]?.extensions).toEqual({
      code: 'RATE_LIMITED',
      retryAfterSeconds: expect.any(Number),
    });
  });
});
