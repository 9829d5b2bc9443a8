import type { KeyObject } from 'node:crypto';
import { KID_PATTERN, publicKeyFromJwk } from './jwk';
import type { KeyStore } from './keys';

/** Where a verifier finds public keys. A kid is only ever a lookup key into this set. */
export interface JwksSource {
  getKey(kid: string): Promise<KeyObject | undefined>;
}

/** Members verifies its own tokens with its own published keys, no HTTP involved. */
export function localJwks(store: KeyStore): JwksSource {
  const keys = new Map(store.published.map((k) => [k.kid, k.publicKey]));
  return { getKey: async (kid) => keys.get(kid) };
}

/** The subset of fetch that remoteJwks uses, so tests can pass a spy and callers any client. */
export type FetchFn = (
  url: string,
  init: { signal: AbortSignal; headers: Record<string, string>; redirect: 'error' },
) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>;

export interface RemoteJwksOptions {
  /** An unknown kid triggers at most one refetch per interval, so junk kids cannot hammer members. */
  minRefetchIntervalMs?: number;
  fetchTimeoutMs?: number;
  /** A known set older than this is refreshed in the background, so a withdrawn key stops counting. */
  maxAgeMs?: number;
  fetchFn?: FetchFn;
  now?: () => number;
}

export interface RemoteJwks extends JwksSource {
  /** Loads the set now; resolves false (never rejects) when it could not be fetched. */
  prefetch(): Promise<boolean>;
  readonly stats: { fetches: number; failures: number; lastError?: string };
}

const MAX_JWKS_BYTES = 256 * 1024;

export function remoteJwks(url: string, options: RemoteJwksOptions = {}): RemoteJwks {
  return new RemoteJwksSource(url, options);
}

class RemoteJwksSource implements RemoteJwks {
  readonly stats: RemoteJwks['stats'] = { fetches: 0, failures: 0 };
  private keys = new Map<string, KeyObject>();
  private loadedAt = -Infinity;
  private lastAttemptAt = -Infinity;
  private inFlight: Promise<boolean> | undefined;
  private readonly minInterval: number;
  private readonly timeoutMs: number;
  private readonly maxAgeMs: number;
  private readonly fetchFn: FetchFn;
  private readonly now: () => number;

  constructor(
    private readonly url: string,
    options: RemoteJwksOptions,
  ) {
    this.minInterval = options.minRefetchIntervalMs ?? 30_000;
    this.timeoutMs = options.fetchTimeoutMs ?? 3_000;
    this.maxAgeMs = options.maxAgeMs ?? 600_000;
    this.fetchFn = options.fetchFn ?? ((u, init) => fetch(u, init));
    this.now = options.now ?? Date.now;
    // Safe to pass as plain functions, e.g. `{ getKey: remote.getKey }`.
    this.getKey = this.getKey.bind(this);
    this.prefetch = this.prefetch.bind(this);
  }

  async getKey(kid: string): Promise<KeyObject | undefined> {
    const known = this.keys.get(kid);
    if (known) {
      if (this.now() - this.loadedAt >= this.maxAgeMs && this.mayRefetch()) void this.prefetch();
      return known;
    }
    if (this.inFlight) await this.inFlight;
    else if (this.mayRefetch()) await this.prefetch();
    return this.keys.get(kid);
  }

  /** Concurrent callers share one request; a failure keeps the last good set. */
  prefetch(): Promise<boolean> {
    if (this.inFlight) return this.inFlight;
    this.lastAttemptAt = this.now();
    this.stats.fetches += 1;
    this.inFlight = fetchKeySet(this.url, this.fetchFn, this.timeoutMs)
      .then((fresh) => {
        this.keys = fresh;
        this.loadedAt = this.now();
        this.stats.lastError = undefined;
        return true;
      })
      .catch((error: unknown) => {
        this.stats.failures += 1;
        this.stats.lastError = error instanceof Error ? error.message : String(error);
        return false;
      })
      .finally(() => {
        this.inFlight = undefined;
      });
    return this.inFlight;
  }

  // Measured from the last attempt, failed ones included, so a down members is not hammered.
  private mayRefetch(): boolean {
    return this.now() - this.lastAttemptAt >= this.minInterval;
  }
}

async function fetchKeySet(
  url: string,
  fetchFn: FetchFn,
  timeoutMs: number,
): Promise<Map<string, KeyObject>> {
  const response = await fetchFn(url, {
    signal: AbortSignal.timeout(timeoutMs),
    headers: { accept: 'application/json' },
    // The JWKS location is configuration; a redirect elsewhere is not followed.
    redirect: 'error',
  });
  if (!response.ok) throw new Error(`JWKS fetch from ${url} answered HTTP ${response.status}`);
  const body = await response.text();
  if (body.length > MAX_JWKS_BYTES)
    throw new Error(`JWKS from ${url} is larger than ${MAX_JWKS_BYTES} bytes`);
  return parseKeySet(JSON.parse(body) as unknown, url);
}

/** Keeps only usable ES256 signing keys; one odd entry does not throw away the others. */
function parseKeySet(doc: unknown, url: string): Map<string, KeyObject> {
  const entries = (doc as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(entries)) throw new Error(`JWKS from ${url} has no keys array`);
  const keys = new Map<string, KeyObject>();
  for (const entry of entries as Array<Record<string, unknown>>) {
    if (!entry || typeof entry !== 'object') continue;
    const { kty, crv, alg, use, kid, x, y } = entry;
    if (kty !== 'EC' || crv !== 'P-256' || (alg !== undefined && alg !== 'ES256')) continue;
    if ((use !== undefined && use !== 'sig') || typeof kid !== 'string' || !KID_PATTERN.test(kid))
      continue;
    if (typeof x !== 'string' || typeof y !== 'string') continue;
    try {
      keys.set(kid, publicKeyFromJwk({ x, y }));
    } catch {
      continue;
    }
  }
  if (keys.size === 0) throw new Error(`JWKS from ${url} holds no usable ES256 key`);
  return keys;
}
