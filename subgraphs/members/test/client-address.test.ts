import { graphql } from './helpers';
import { useMembers } from './use-members';

/** One failed login from `forwardedFor` (loopback, the harness's trusted proxy, relays it). */
async function loginFrom(url: string, forwardedFor: string): Promise<unknown> {
  const response = await graphql(url, {
    query:
      'mutation { login(email: "nobody@example.test", password: "some password") { accessToken } }',
    headers: { 'x-forwarded-for': forwardedFor },
  });
  return response.body.errors?.[0]?.extensions?.code;
}

describe('members: the client address its per-address limits count', () => {
  const h = useMembers({ env: { AUTH_RATE_PER_ADDRESS: '3' } });

  it('is the right-most untrusted hop, so hops a client writes itself buy no fresh budget', async () => {
    for (const spoofed of ['192.0.2.1', '192.0.2.2', '192.0.2.3'])
      expect(await loginFrom(h.url, `${spoofed}, 203.0.113.20`)).toBe('UNAUTHENTICATED');
    expect(await loginFrom(h.url, '192.0.2.4, 203.0.113.20')).toBe('RATE_LIMITED');
    expect(await loginFrom(h.url, '203.0.113.21')).toBe('UNAUTHENTICATED');
  });

  it('counts an IPv6 client by its /64', async () => {
    for (const host of ['1', '2', 'ffff:ffff:ffff'])
      expect(await loginFrom(h.url, `2001:db8:1:2::${host}`)).toBe('UNAUTHENTICATED');
    expect(await loginFrom(h.url, '2001:db8:1:2:abcd::9')).toBe('RATE_LIMITED');
    expect(await loginFrom(h.url, '2001:db8:1:3::1')).toBe('UNAUTHENTICATED');
  });
});
