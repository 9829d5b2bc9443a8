import {
  expectData,
  graphql,
  type GraphQLResponse,
  type RedisServer,
  startRedisServer,
  waitFor,
} from '@social/testkit';
import type { TestMember } from '../../subgraphs/members/test/harness';
import { startStack, type TestStack } from './stack';

const ME = '{ me { user { id } } }';
const LOGIN =
  'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken refreshToken } }';
const REFRESH = 'mutation($t: String) { refreshToken(refreshToken: $t) { accessToken } }';
const LOGOUT = 'mutation($t: String) { logout(refreshToken: $t) }';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

function expectUnavailable(response: GraphQLResponse, where: string) {
  expect({ where, status: response.status }).toEqual({ where, status: 503 });
  expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect(response.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
}

/**
 * Every service on a Redis this test owns: stopped, whatever needs Redis fails closed with 503
 * and Retry-After while anonymous reads go on; started again, everything works again without
 * restarting any service.
 */
describe('Redis trouble is a clear 503 that heals by itself', () => {
  let redis: RedisServer;
  let stack: TestStack;
  let member: TestMember;
  let other: TestMember;

  beforeAll(async () => {
    redis = await startRedisServer();
    stack = await startStack({}, { redisUrl: redis.url });
    member = await stack.member();
    other = await stack.member();
    await expectData(stack.url, { query: ME, headers: bearer(member.accessToken) });
    await redis.stop();
  });

  afterAll(async () => {
    await stack.stop();
    await redis.stop();
  });

  it('refuses authenticated requests with 503, through the gateway and at each subgraph', async () => {
    const headers = bearer(member.accessToken);
    expectUnavailable(await graphql(stack.url, { query: ME, headers }), 'gateway');
    const { activity = '', feed = '' } = stack.config.subgraphs.urls;
    const post = 'mutation { createPost(body: "during the outage") { id } }';
    expectUnavailable(await graphql(activity, { query: post, headers }), 'activity');
    const unread = '{ unreadNotificationCount }';
    expectUnavailable(await graphql(feed, { query: unread, headers }), 'feed');
  });

  it('refuses login, refresh and logout with 503', async () => {
    const login = { query: LOGIN, variables: { e: member.email, p: member.password } };
    expectUnavailable(await graphql(stack.url, login), 'login');
    expectUnavailable(await graphql(stack.members.url, login), 'login at members');
    const refresh = { query: REFRESH, variables: { t: member.refreshToken } };
    expectUnavailable(await graphql(stack.url, refresh), 'refresh');
    const logout = { query: LOGOUT, variables: { t: other.refreshToken } };
    expectUnavailable(await graphql(stack.url, logout), 'logout');
  });

  it('keeps serving anonymous reads', async () => {
    const data = await expectData(stack.url, {
      query: `{ user(id: "${member.userId}") { handle followerCount viewerFollows } }`,
    });
    expect(data.user).toEqual({ handle: member.handle, followerCount: 0, viewerFollows: false });
  });

  it('recovers once Redis is back, without restarting anything', async () => {
    await redis.start();
    await waitFor('the gateway to reach Redis again', async () => {
      const response = await graphql(stack.url, { query: ME, headers: bearer(other.accessToken) });
      return response.status === 200;
    });
    const login = await expectData(stack.url, {
      query: LOGIN,
      variables: { e: member.email, p: member.password },
    });
    const token = login.login.accessToken as string;
    const refreshed = await expectData(stack.url, {
      query: REFRESH,
      variables: { t: login.login.refreshToken },
    });
    expect(refreshed.refreshToken.accessToken).toEqual(expect.any(String));
    // The subscriptions are back too: a logout is still refused at once everywhere.
    const second = await stack.startGateway();
    const { activity = '' } = stack.config.subgraphs.urls;
    const post = 'mutation { createPost(body: "after the outage") { id } }';
    await waitFor('activity to reach Redis again', async () => {
      const response = await graphql(activity, { query: post, headers: bearer(token) });
      return response.status === 200;
    });
    await expectData(stack.url, { query: ME, headers: bearer(token) });
    await expectData(stack.url, { query: LOGOUT, headers: bearer(token) });
    const next = await graphql(stack.url, { query: ME, headers: bearer(token) });
    expect(next.status).toBe(401);
    expect(next.body.errors?.[0]?.extensions?.reason).toBe('TOKEN_REVOKED');
    const direct = await graphql(activity, { query: post, headers: bearer(token) });
    expect(direct.status).toBe(401);
    expect((await graphql(second, { query: ME, headers: bearer(token) })).status).toBe(401);
  });
});
