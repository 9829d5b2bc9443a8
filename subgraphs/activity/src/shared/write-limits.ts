import { RateLimitedError, type RateLimiter } from '@social/kit';

/** What a member's writes are counted as: a kind's do and undo share one budget. */
export type WriteKind = 'post' | 'comment' | 'like' | 'follow';

export interface WriteLimit {
  perMinute: number;
  perDay: number;
}

export interface WriteLimitsConfig {
  budgets: Record<WriteKind, WriteLimit>;
  /**
   * How often one member may change one like or follow (on, off, on...) per window: a toggle
   * storm would otherwise make the feed fan out and take back the same thing over and over.
   */
  toggle: { maxChanges: number; windowSeconds: number };
}

const DAY_SECONDS = 86_400;

/**
 * Per-member limits on activity's writes, in Redis so every instance counts together. Generous
 * for people (README, configuration), costly for a script: past a budget the write is refused
 * with RATE_LIMITED and the seconds until the window ends, and nothing is written.
 */
export function createWriteLimits(limiter: RateLimiter, config: WriteLimitsConfig) {
  return {
    /** Counts one write of `kind` by `memberId`; throws RATE_LIMITED past a budget. */
    async spend(kind: WriteKind, memberId: string): Promise<void> {
      const { perMinute, perDay } = config.budgets[kind];
      // Both windows in one round trip on every write; a refused attempt counts in both.
      const [minute, day] = await Promise.all([
        limiter.hit(`write:${kind}:minute:${memberId}`, perMinute, 60),
        limiter.hit(`write:${kind}:day:${memberId}`, perDay, DAY_SECONDS),
      ]);
      if (!minute.allowed) throw refused(minute.retryAfterSeconds);
      if (!day.allowed) throw refused(day.retryAfterSeconds);
    },

    /**
     * Runs `write` and, when it changed a row, spends one change of the (member, target) pair.
     * Called inside the write's transaction: a refusal rolls the write back, so no event goes
     * out. Idempotent repeats change nothing and cost nothing here.
     */
    async pairChange(
      kind: 'like' | 'follow',
      memberId: string,
      targetId: string,
      write: () => Promise<number>,
    ): Promise<number> {
      const changed = await write();
      if (changed === 0) return changed;
      const { maxChanges, windowSeconds } = config.toggle;
      const result = await limiter.hit(
        `toggle:${kind}:${memberId}:${targetId}`,
        maxChanges,
        windowSeconds,
      );
      if (!result.allowed)
        throw new RateLimitedError(
          result.retryAfterSeconds,
          `You changed this ${kind} too often; try again later`,
        );
      return changed;
    },
  };
}

function refused(retryAfterSeconds: number): RateLimitedError {
  return new RateLimitedError(retryAfterSeconds, 'Too many changes; try again later');
}

export type WriteLimits = ReturnType<typeof createWriteLimits>;
