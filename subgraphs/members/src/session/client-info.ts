import { isIP } from 'node:net';
import { rateLimitKey } from '@social/kit';

/** What a session remembers of the client that last used it: coarse on purpose. */
export interface ClientInfo {
  /** "Firefox on Linux", "Chrome on Android", ... or "Unknown device". */
  device: string;
  /** The client's network, never the address itself: "203.0.113.0/24", "2001:db8:1::/48". */
  address: string | null;
}

export const UNKNOWN_DEVICE = 'Unknown device';

// Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari", and the iOS
// browsers (all WebKit) name themselves with their own token (CriOS, FxiOS, EdgiOS).
const BROWSERS: Array<[RegExp, string]> = [
  [/\bEdg(?:e|A|iOS)?\//, 'Edge'],
  [/\bOPR\/|\bOpera\b/, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\bFirefox\/|\bFxiOS\//, 'Firefox'],
  [/\bChrome\/|\bCriOS\/|\bChromium\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
];
const SYSTEMS: Array<[RegExp, string]> = [
  [/\biPhone\b/, 'iPhone'],
  [/\biPad\b/, 'iPad'],
  [/\bAndroid\b/, 'Android'],
  [/\bWindows\b/, 'Windows'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bLinux\b/, 'Linux'],
];

/**
 * A label a person recognises their device by, from the User-Agent: browser and system
 * only (no versions, no full string stored: enough to tell "my phone" from "the office PC",
 * too little to fingerprint anyone). A hand-written table instead of a UA-parser package:
 * the label is this coarse, so a dependency would bring more data than the answer needs.
 */
export function deviceLabel(userAgent: string | undefined): string {
  const ua = (userAgent ?? '').slice(0, 512);
  const browser = BROWSERS.find(([pattern]) => pattern.test(ua))?.[1];
  const system = SYSTEMS.find(([pattern]) => pattern.test(ua))?.[1];
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? (system ? `Browser on ${system}` : UNKNOWN_DEVICE);
}

/**
 * The network an address belongs to, for the owner's eyes only: an IPv4 address by its /24,
 * IPv6 by its /48 (a site), so the sessions list says "where" without storing who exactly.
 */
export function networkOf(address: string): string | null {
  const family = isIP(address);
  if (family === 4) return `${address.split('.').slice(0, 3).join('.')}.0/24`;
  if (family !== 6) return null;
  // The kit's rate-limit bucket is the /64 with its groups written out ("2001:db8:1:2::/64").
  return `${rateLimitKey(address).split(':').slice(0, 3).join(':')}::/48`;
}
