import type { Request } from 'express';

/**
 * The caller's address for rate limits. The gateway overwrites `x-forwarded-for` with the
 * address of the socket it accepted, so behind it the header is ours. In production a
 * subgraph answers only requests the gateway signed (gateway-credential.ts); without the
 * credential a direct caller could set the header, which is why per-account limits never
 * depend on it.
 */
export function clientAddress(req: Request): string {
  const forwarded = req.header('x-forwarded-for');
  const first = forwarded?.split(',')[0]?.trim();
  return first || req.socket.remoteAddress || 'unknown';
}
