import type { Request } from 'express';
import { clientAddress, envFields, proxyList, rateLimitKey, trustedProxies } from '../src';

/** A request as Express hands it over: the socket's peer and the raw header. */
const request = (peer: string, forwardedFor?: string) =>
  ({
    socket: { remoteAddress: peer },
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  }) as unknown as Request;

describe('the client address behind proxies', () => {
  const none = trustedProxies([]);
  const balancers = trustedProxies(proxyList('10.0.0.0/8, fd00::/8, 192.0.2.1'));

  it('is the peer when no proxy is trusted, whatever x-forwarded-for says', () => {
    expect(clientAddress(request('203.0.113.9', '198.51.100.1'), none)).toBe('203.0.113.9');
    expect(clientAddress(request('10.1.2.3', '198.51.100.1'), none)).toBe('10.1.2.3');
  });

  it('is the peer when the peer is not one of the trusted proxies', () => {
    expect(clientAddress(request('203.0.113.9', '198.51.100.1'), balancers)).toBe('203.0.113.9');
  });

  it("is the right-most hop that is not a trusted proxy, so a client's own header counts for nothing", () => {
    // The client wrote 1.1.1.1; the edge proxy appended the client's real address; the inner
    // balancer (10.9.9.9) appended the edge's.
    const chain = '1.1.1.1, 198.51.100.7, 10.9.9.9';
    expect(clientAddress(request('10.0.0.5', chain), balancers)).toBe('198.51.100.7');
    expect(clientAddress(request('::ffff:10.0.0.5', '198.51.100.7'), balancers)).toBe(
      '198.51.100.7',
    );
    expect(clientAddress(request('fd00::1', '2001:db8::5'), balancers)).toBe('2001:db8::5');
    expect(clientAddress(request('192.0.2.1', 'junk, 198.51.100.8'), balancers)).toBe(
      '198.51.100.8',
    );
  });

  it('falls back to the left-most hop, then the peer, when every hop is trusted or none is given', () => {
    expect(clientAddress(request('10.0.0.5', '10.0.0.7, 10.0.0.6'), balancers)).toBe('10.0.0.7');
    expect(clientAddress(request('10.0.0.5'), balancers)).toBe('10.0.0.5');
  });

  it('believes the header of a peer vouched for otherwise (a request the gateway signed)', () => {
    expect(clientAddress(request('203.0.113.9', '198.51.100.1'), none, { peerTrusted: true })).toBe(
      '198.51.100.1',
    );
  });

  it('counts IPv6 clients per /64 and IPv4 clients per address', () => {
    expect(rateLimitKey('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(rateLimitKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(rateLimitKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(rateLimitKey('::1')).toBe('0:0:0:0::/64');
    expect(rateLimitKey('2001:db8:1:3::1')).not.toBe(rateLimitKey('2001:db8:1:2::1'));
    expect(rateLimitKey('198.51.100.7')).toBe('198.51.100.7');
    expect(rateLimitKey('::ffff:198.51.100.7')).toBe('198.51.100.7');
  });

  it('takes TRUSTED_PROXIES as CIDRs or addresses, none by default, and refuses anything else', () => {
    expect(envFields.TRUSTED_PROXIES.parse(undefined)).toEqual([]);
    expect(envFields.TRUSTED_PROXIES.parse(' 10.0.0.0/8 ,fd00::/8,192.0.2.1')).toEqual([
      '10.0.0.0/8',
      'fd00::/8',
      '192.0.2.1/32',
    ]);
    for (const bad of ['10.0.0.0/', '10.0.0.0/33', 'fd00::/129', 'proxy.internal', '10.0.0.0/8/1'])
      expect(() => proxyList(bad)).toThrow(/not an address or CIDR/);
    expect(envFields.TRUSTED_PROXIES.safeParse('10.0.0.0/x').success).toBe(false);
  });
});
