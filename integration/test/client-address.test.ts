import { createRemoteVerifier } from '@social/kit';
import { graphql, silentLogger } from '@social/testkit';
import { createServer as createGateway } from '../../gateway/src/server';
import { loadConfig } from '../../gateway/src/config';
import { startStack, type TestStack } from './stack';

const FAILED_LOGIN =
  'mutation { login(email: "nobody@example.test", password: "some password") { accessToken } }';

/** The code of one failed login sent with `x-forwarded-for`, as a proxy in front would send it. */
async function loginFrom(url: string, forwardedFor: string): Promise<unknown> {
  const response = await graphql(url, {
    query: FAILED_LOGIN,
    headers: { 'x-forwarded-for': forwardedFor },
  });
  return response.body.errors?.[0]?.extensions?.code;
}

describe('the client address behind a load balancer (TRUSTED_PROXIES)', () => {
  let stack: TestStack;
  /** A second gateway over the same subgraphs that trusts no proxy (the default). */
  let untrusting: { url: string; stop(): Promise<void> };

  beforeAll(async () => {
    // The test process is the load balancer: it reaches the gateway from loopback.
    const http = { ...loadConfig({ ...process.env }).http, trustedProxies: ['127.0.0.1/32'] };
    stack = await startStack({ http });
    const gateway = await createGateway(
      { ...stack.config, http: { ...stack.config.http, trustedProxies: [] } },
      {
        logger: silentLogger,
        verifier: createRemoteVerifier(stack.config.auth.jwksUrl),
        redis: stack.redis,
      },
    );
    untrusting = {
      url: `http://127.0.0.1:${await gateway.listen(0)}/graphql`,
      stop: () => gateway.stop(),
    };
    stack.members.config.limits.authRatePerAddress = 3;
  });

  beforeEach(() => stack.members.resetRateLimits());

  afterAll(async () => {
    await untrusting.stop();
    await stack.stop();
  });

  it("gives each client behind a trusted proxy its own budget, by the proxy's hop", async () => {
    for (let i = 0; i < 3; i++)
      expect(await loginFrom(stack.url, '203.0.113.30')).toBe('UNAUTHENTICATED');
    expect(await loginFrom(stack.url, '203.0.113.30')).toBe('RATE_LIMITED');
    // A client that writes its own x-forwarded-for only adds hops left of the proxy's.
    expect(await loginFrom(stack.url, '198.51.100.1, 203.0.113.30')).toBe('RATE_LIMITED');
    expect(await loginFrom(stack.url, '203.0.113.31')).toBe('UNAUTHENTICATED');
  });

  it('counts IPv6 clients by their /64', async () => {
    for (const host of ['1', '2', '3'])
      expect(await loginFrom(stack.url, `2001:db8:5:6::${host}`)).toBe('UNAUTHENTICATED');
    expect(await loginFrom(stack.url, '2001:db8:5:6:ffff::1')).toBe('RATE_LIMITED');
    expect(await loginFrom(stack.url, '2001:db8:5:7::1')).toBe('UNAUTHENTICATED');
  });

  it('ignores x-forwarded-for from a peer it does not trust: the peer is the client', async () => {
    for (const address of ['203.0.113.40', '203.0.113.41', '203.0.113.42'])
      expect(await loginFrom(untrusting.url, address)).toBe('UNAUTHENTICATED');
    expect(await loginFrom(untrusting.url, '203.0.113.43')).toBe('RATE_LIMITED');
  });
});
