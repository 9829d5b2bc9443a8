import { BlockList, isIP } from 'node:net';
import type { Request } from 'express';

/**
 * Which direct peers may speak for the client (TRUSTED_PROXIES): a load balancer or proxy in
 * front of the service appends the address it accepted to `x-forwarded-for`, so only its word
 * counts, and only for the hops it added.
 */
export interface ProxyTrust {
  isTrusted(address: string): boolean;
}

/**
 * TRUSTED_PROXIES as a list of CIDRs: comma-separated, a bare address meaning just itself
 * (`10.0.0.0/8, fd00::/8, 192.0.2.1`). Throws on anything else, so a typo stops the start.
 */
export function proxyList(value: string): string[] {
  return value
    .split(',')
    .map((each) => each.trim())
    .filter(Boolean)
    .map((entry) => {
      const [network = '', prefix, extra] = entry.split('/');
      const family = isIP(network);
      const max = family === 6 ? 128 : 32;
      const bits = prefix === undefined ? max : Number(prefix);
      const badPrefix = prefix !== undefined && !/^\d{1,3}$/.test(prefix);
      if (!family || extra !== undefined || badPrefix || bits > max)
        throw new Error(`"${entry}" is not an address or CIDR (e.g. 10.0.0.0/8)`);
      return `${network}/${bits}`;
    });
}

/** The trust of a proxyList(): whether an address is in one of its networks. */
export function trustedProxies(cidrs: readonly string[]): ProxyTrust {
  const blocks = new BlockList();
  for (const cidr of cidrs) {
    const [network = '', bits = ''] = cidr.split('/');
    blocks.addSubnet(network, Number(bits), isIP(network) === 6 ? 'ipv6' : 'ipv4');
  }
  return {
    isTrusted: (address) => {
      const plain = unmapped(address);
      const family = isIP(plain);
      return family !== 0 && blocks.check(plain, family === 6 ? 'ipv6' : 'ipv4');
    },
  };
}

/** `::ffff:203.0.113.7` (an IPv4 client on a dual-stack socket) is 203.0.113.7. */
function unmapped(address: string): string {
  const match = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  return match?.[1] ?? address;
}

/**
 * The client's address: the direct peer's, unless the peer is a trusted proxy (or `peerTrusted`,
 * e.g. a request the gateway signed); then the right-most `x-forwarded-for` hop that is not
 * itself a trusted proxy. A client cannot choose its address by sending the header: the hops it
 * wrote sit left of the ones the proxies appended.
 */
export function clientAddress(
  req: Request,
  trust: ProxyTrust,
  options: { peerTrusted?: boolean } = {},
): string {
  const peer = unmapped(req.socket.remoteAddress ?? '');
  if (!options.peerTrusted && !trust.isTrusted(peer)) return peer || 'unknown';
  const hops = (req.headers['x-forwarded-for'] ?? '')
    .toString()
    .split(',')
    .map((hop) => unmapped(hop.trim()))
    .filter((hop) => isIP(hop) !== 0);
  for (let index = hops.length - 1; index >= 0; index--) {
    const hop = hops[index];
    if (!trust.isTrusted(hop)) return hop;
  }
  return hops[0] ?? (peer || 'unknown');
}

/**
 * The bucket a rate limit counts an address in: an IPv4 address itself, an IPv6 address by its
 * /64 (one customer's network gets a whole /64 and could walk through it address by address).
 */
export function rateLimitKey(address: string): string {
  const plain = unmapped(address);
  if (isIP(plain) !== 6) return plain;
  return `${expandIpv6(plain).slice(0, 4).join(':')}::/64`;
}

function expandIpv6(address: string): string[] {
  const [head = '', tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  // An embedded IPv4 tail (::ffff:a.b.c.d forms other than the mapped one) is two groups.
  const last = right.length ? right : left;
  const dotted = last[last.length - 1];
  if (dotted?.includes('.')) {
    const [a = 0, b = 0, c = 0, d = 0] = dotted.split('.').map(Number);
    last.splice(last.length - 1, 1, ((a << 8) | b).toString(16), ((c << 8) | d).toString(16));
  }
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array.from({ length: missing }, () => '0'), ...right].map((group) =>
    Number.parseInt(group || '0', 16).toString(16),
  );
}
