import { createHash } from 'node:crypto';
import { RateLimitedError, type RateLimiter } from '@social/kit';
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
  /** Counts one hit; RATE_LIMITED with the window's remaining seconds past `limit`. */
  const enforce = async (key: string, limit: number, windowSeconds: number) => {
    const result = await limiter.hit(key, limit, windowSeconds);
    if (!result.allowed) throw new RateLimitedError(result.retryAfterSeconds);
  };
  const mailKey = (email: string) => `mail:${emailHash(email)}`;
  return {
    perAddress: (operation: LimitedOperation, address: string): Promise<void> =>
      enforce(`addr:${operation}:${address}`, config.authRatePerAddress, 60),

    /** searchUsers: a read, with its own, larger budget per client address. */
    search: (address: string): Promise<void> =>
      enforce(`addr:searchUsers:${address}`, config.searchRatePerAddress, 60),

    /**
     * Counts the attempt before the password is checked, so concurrent guesses cannot all slip
     * under the limit; a success clears the count. Keyed by a hash of the email, known or not,
     * so the limit itself reveals nothing and no address sits in Redis in clear.
     */
    async loginAttempt(email: string): Promise<{ succeeded(): Promise<void> }> {
      const key = failureKey(email);
      await enforce(key, config.loginMaxFailures, FAILURE_WINDOW_SECONDS);
      return { succeeded: () => limiter.reset(key) };
    },

    /**
     * Whether one more verification or reset mail may go to this address this hour: whoever
     * asks, from however many client addresses, an inbox gets at most the budget. Keyed like
     * the login failures, by a hash of the address.
     */
    async mailToRecipient(email: string): Promise<boolean> {
      return (await limiter.hit(mailKey(email), config.mailPerRecipientPerHour, 3600)).allowed;
    },

    /** mailToRecipient for a caller who is told: RATE_LIMITED when the budget is used up. */
    mailToRecipientOrThrow: (email: string): Promise<void> =>
      enforce(mailKey(email), config.mailPerRecipientPerHour, 3600),

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
