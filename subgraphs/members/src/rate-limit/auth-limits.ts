import { createHash } from 'node:crypto';
import { type Hit, RateLimitedError, type RateLimiter } from '@social/kit';
import type { LimitsConfig } from '../config';

export type LimitedOperation =
  | 'signUp'
  | 'login'
  | 'refreshToken'
  | 'requestPasswordReset'
  | 'resetPassword'
  | 'resendVerificationEmail'
  | 'verifyEmail'
  | 'requestEmailChange'
  | 'confirmEmailChange';

const FAILURE_WINDOW_SECONDS = 15 * 60;

/**
 * The auth limits of ARCHITECTURE.md. Counted per resolver call, so 15 aliased logins in one
 * document are 15 attempts. Each operation has its own per-address budget: a burst of failed
 * logins from a shared address must not also stop its browsers from refreshing their sessions.
 */
export function createAuthLimits(limiter: RateLimiter, config: LimitsConfig) {
  /** Counts the hits in order; RATE_LIMITED with the window's remaining seconds at the first past its limit. */
  const enforce = async (...hits: Hit[]) => {
    const refused = (await limiter.hitInOrder(hits)).find((result) => !result.allowed);
    if (refused) throw new RateLimitedError(refused.retryAfterSeconds);
  };
  const addressHit = (operation: LimitedOperation, address: string): Hit => ({
    key: `addr:${operation}:${address}`,
    limit: config.authRatePerAddress,
    windowSeconds: 60,
  });
  const mailHit = (email: string): Hit => ({
    key: `mail:${emailHash(email)}`,
    limit: config.mailPerRecipientPerHour,
    windowSeconds: 3600,
  });
  return {
    perAddress: (operation: LimitedOperation, address: string): Promise<void> =>
      enforce(addressHit(operation, address)),

    /** searchUsers: a read, with its own, larger budget per client address. */
    search: (address: string): Promise<void> =>
      enforce({
        key: `addr:searchUsers:${address}`,
        limit: config.searchRatePerAddress,
        windowSeconds: 60,
      }),

    /**
     * Counts the attempt before the password is checked, so concurrent guesses cannot all slip
     * under the limit; a success clears the count. Keyed by a hash of the email, known or not,
     * so the limit itself reveals nothing and no address sits in Redis in clear. With `address`,
     * that address's login budget is spent first, in the same round trip: refused there, the
     * attempt counts nothing against the account (as `perAddress` then `loginAttempt` would).
     */
    async loginAttempt(email: string, address?: string): Promise<{ succeeded(): Promise<void> }> {
      const key = failureKey(email);
      await enforce(...(address === undefined ? [] : [addressHit('login', address)]), {
        key,
        limit: config.loginMaxFailures,
        windowSeconds: FAILURE_WINDOW_SECONDS,
      });
      return { succeeded: () => limiter.reset(key) };
    },

    /**
     * Whether one more verification or reset mail may go to this address this hour: whoever
     * asks, from however many client addresses, an inbox gets at most the budget. Keyed like
     * the login failures, by a hash of the address.
     */
    async mailToRecipient(email: string): Promise<boolean> {
      const { key, limit, windowSeconds } = mailHit(email);
      return (await limiter.hit(key, limit, windowSeconds)).allowed;
    },

    /** mailToRecipient for a caller who is told: RATE_LIMITED when the budget is used up. */
    mailToRecipientOrThrow: (email: string): Promise<void> => enforce(mailHit(email)),

    /** A password reset proves the owner: their lock-out by someone else's guesses ends. */
    clearLoginFailures(email: string): Promise<void> {
      return limiter.reset(failureKey(email));
    },
  };
}

function emailHash(email: string): string {
  return createHash('sha256').update(email).digest('hex');
}

function failureKey(email: string): string {
  return `login-failures:${emailHash(email)}`;
}

export type AuthLimits = ReturnType<typeof createAuthLimits>;
