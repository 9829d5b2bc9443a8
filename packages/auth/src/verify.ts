import { createHash } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { GenerationalCache } from './cache';
import { invalidToken, TokenError } from './errors';
import { readAccessTokenHeader } from './header';
import { ACCESS_TOKEN_ALG } from './jwk';
import type { JwksSource } from './jwks';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER } from './sign';

export interface AccessClaims {
  sub: string;
  sid: string;
  jti: string;
  iat: number;
  exp: number;
}

export interface AccessTokenVerifierOptions {
  jwks: JwksSource;
  issuer?: string;
  audience?: string;
  /** 0..30; a larger skew would keep revoked-by-expiry tokens alive too long. */
  clockToleranceSeconds?: number;
  /** Checked before any parsing, so a huge header costs nothing. */
  maxTokenLength?: number;
  /** Verified tokens kept (LRU-ish, evicted in halves); 0 disables the cache. */
  cacheSize?: number;
  /** Milliseconds since the epoch; injectable so tests move time instead of sleeping. */
  now?: () => number;
}

export interface VerifierStats {
  cacheHits: number;
  cacheMisses: number;
}

export interface AccessTokenVerifier {
  /** Resolves the claims of a valid access token; rejects with TokenError otherwise. */
  verify(token: string): Promise<AccessClaims>;
  readonly stats: VerifierStats;
  clearCache(): void;
}

interface CacheEntry {
  claims: AccessClaims;
  expiredAtSec: number;
}

export function createAccessTokenVerifier(
  options: AccessTokenVerifierOptions,
): AccessTokenVerifier {
  return new Verifier(options);
}

class Verifier implements AccessTokenVerifier {
  readonly stats: VerifierStats = { cacheHits: 0, cacheMisses: 0 };
  // Keyed by sha256(token): bounded memory per entry, and no bearer token sits in the heap.
  private readonly cache: GenerationalCache<CacheEntry>;
  private readonly jwks: JwksSource;
  private readonly issuer: string;
  private readonly audience: string;
  private readonly tolerance: number;
  private readonly maxLength: number;
  private readonly cacheSize: number;
  private readonly now: () => number;

  constructor(options: AccessTokenVerifierOptions) {
    this.jwks = options.jwks;
    this.issuer = options.issuer ?? ACCESS_TOKEN_ISSUER;
    this.audience = options.audience ?? ACCESS_TOKEN_AUDIENCE;
    this.tolerance = checkedInt(
      options.clockToleranceSeconds ?? 30,
      0,
      30,
      'clockToleranceSeconds',
    );
    this.maxLength = checkedInt(options.maxTokenLength ?? 4096, 1, 1 << 20, 'maxTokenLength');
    this.cacheSize = checkedInt(options.cacheSize ?? 10_000, 0, 10_000_000, 'cacheSize');
    this.now = options.now ?? Date.now;
    this.cache = new GenerationalCache(this.cacheSize);
    // Callers pass verifier.verify around as a plain function (middleware, context factories).
    this.verify = this.verify.bind(this);
  }

  async verify(token: string): Promise<AccessClaims> {
    if (typeof token !== 'string' || token.length === 0) throw invalidToken('empty token');
    if (token.length > this.maxLength) throw invalidToken('token too long');
    const hash = createHash('sha256').update(token).digest('base64');
    const hit = this.cacheSize > 0 ? this.cache.get(hash) : undefined;
    if (hit) {
      this.stats.cacheHits += 1;
      // Same rule as jsonwebtoken's exp check, so a cached token dies exactly when an uncached one would.
      if (this.nowSeconds() < hit.expiredAtSec) return hit.claims;
      this.cache.delete(hash);
      throw new TokenError('TOKEN_EXPIRED', 'exp passed (cached)');
    }
    this.stats.cacheMisses += 1;
    const claims = await this.verifyUncached(token);
    this.remember(hash, claims);
    return claims;
  }

  clearCache(): void {
    this.cache.clear();
  }

  private async verifyUncached(token: string): Promise<AccessClaims> {
    const header = readAccessTokenHeader(token);
    const key = await this.jwks.getKey(header.kid);
    if (!key) throw invalidToken('unknown kid');
    let payload: unknown;
    try {
      payload = jwt.verify(token, key, {
        algorithms: [ACCESS_TOKEN_ALG],
        issuer: this.issuer,
        audience: this.audience,
        clockTolerance: this.tolerance,
        clockTimestamp: this.nowSeconds(),
      });
    } catch (error) {
      // jsonwebtoken checks the signature before exp, so only a genuine token can be "expired".
      if (error instanceof jwt.TokenExpiredError)
        throw new TokenError('TOKEN_EXPIRED', 'exp passed');
      throw invalidToken(error instanceof Error ? error.message : 'verification failed');
    }
    return readClaims(payload);
  }

  private remember(hash: string, claims: AccessClaims): void {
    if (this.cacheSize === 0) return;
    this.cache.set(hash, { claims, expiredAtSec: claims.exp + this.tolerance });
  }

  private nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }
}

/** The signature is fine; now insist on the claims every consumer relies on. */
function readClaims(payload: unknown): AccessClaims {
  if (payload === null || typeof payload !== 'object')
    throw invalidToken('payload is not an object');
  const { sub, sid, jti, iat, exp } = payload as Record<string, unknown>;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) throw invalidToken('exp missing');
  if (typeof iat !== 'number' || !Number.isFinite(iat)) throw invalidToken('iat missing');
  if (typeof sub !== 'string' || sub === '') throw invalidToken('sub missing');
  if (typeof sid !== 'string' || sid === '') throw invalidToken('sid missing');
  if (typeof jti !== 'string' || jti === '') throw invalidToken('jti missing');
  // Frozen: the same object is handed to every request that presents this token.
  return Object.freeze({ sub, sid, jti, iat, exp });
}

function checkedInt(value: number, min: number, max: number, name: string): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`createAccessTokenVerifier: ${name} must be an integer in ${min}..${max}`);
  }
  return value;
}
