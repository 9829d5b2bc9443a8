import { randomBytes } from 'node:crypto';
import * as argon2 from 'argon2';
import { RateLimitedError } from '@social/kit';
import { Semaphore, SemaphoreSaturatedError } from './semaphore';

/**
 * argon2id, m = 19 MiB, t = 3, p = 1: one pass more than OWASP's m=19 MiB/t=2 minimum at
 * the same memory, so two hashes at once stay under 40 MiB on a small instance. Measured
 * here at ~45-55 ms per hash (see the issue note). Exported for the bench, which seeds
 * members with hashes of these parameters and measures them (bench/lib/seed.mjs, argon2-micro.mjs).
 */
export const ARGON2_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19_456,
  timeCost: 3,
  parallelism: 1,
} as const;

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** `storedHash` null (unknown account) still costs one full verify, so timing says nothing. */
  verify(storedHash: string | null, password: string): Promise<boolean>;
  needsRehash(storedHash: string): boolean;
}

/** How many hashes run at once and how long the line behind them may grow (README, configuration). */
export interface HasherLimits {
  concurrency: number;
  maxQueued: number;
  maxWaitMs: number;
}

/**
 * Hashes beyond `concurrency` queue, so a login burst cannot starve every other request of CPU;
 * beyond `maxQueued` waiters, or after `maxWaitMs` in the line, the request is shed with
 * RATE_LIMITED: a client told to come back in a second beats one that waits ten.
 */
export function createPasswordHasher(limits: HasherLimits): PasswordHasher {
  const semaphore = new Semaphore(limits.concurrency, limits);
  const hashing = <T>(task: () => Promise<T>): Promise<T> =>
    semaphore.run(task).catch((error: unknown) => {
      if (error instanceof SemaphoreSaturatedError)
        throw new RateLimitedError(1, 'The service is busy; try again in a moment');
      throw error;
    });
  let dummy: Promise<string> | undefined;
  const dummyHash = () =>
    (dummy ??= argon2.hash(randomBytes(32).toString('base64'), ARGON2_OPTIONS));
  return {
    hash: (password) => hashing(() => argon2.hash(password, ARGON2_OPTIONS)),
    verify: async (storedHash, password) => {
      const target = storedHash ?? (await dummyHash());
      const ok = await hashing(() => argon2.verify(target, password).catch(() => false));
      return ok && storedHash !== null;
    },
    needsRehash: (storedHash) => argon2.needsRehash(storedHash, ARGON2_OPTIONS),
  };
}
