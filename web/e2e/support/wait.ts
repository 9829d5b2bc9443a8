import { waitFor } from '@social/testkit';
import type { Locator } from 'playwright-core';

/**
 * The feed and notifications are built from Kafka events: press the page's Refresh button
 * until `target` shows up, within a bound.
 */
export async function refreshUntilVisible(
  refresh: Locator,
  target: Locator,
  timeoutMs = 60_000,
): Promise<void> {
  await waitFor(
    `${target} after refreshing`,
    async () => {
      if (await target.first().isVisible()) return true;
      if (await refresh.isEnabled()) await refresh.click();
      try {
        await target.first().waitFor({ state: 'visible', timeout: 1500 });
        return true;
      } catch {
        return false;
      }
    },
    { timeoutMs, intervalMs: 250 },
  );
}

/** Resolves when the access token no longer passes the gateway (its exp plus the gateway's clock tolerance). */
export async function waitUntilRefused(
  origin: string,
  token: () => string | null,
  timeoutMs = 90_000,
): Promise<void> {
  await waitFor(
    'the access token to be refused',
    async () => {
      const current = token();
      if (!current) return false;
      const response = await fetch(`${origin}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${current}` },
        body: JSON.stringify({ query: '{ unreadNotificationCount }' }),
      });
      return response.status === 401 && token() === current;
    },
    // Short interval: the page's own polling must not find out first in between.
    { timeoutMs, intervalMs: 100 },
  );
}
