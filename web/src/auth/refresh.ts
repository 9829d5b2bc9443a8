import { print } from 'graphql';
import { REFRESH_SESSION, type RefreshSessionMutation } from '../graphql/auth';
import { session } from './session';

const REFRESH = print(REFRESH_SESSION);

/**
 * `expired`: the session ran out (REFRESH_TOKEN_EXPIRED); `refused`: no valid cookie (missing,
 * revoked, reused); `failed`: try again later (network, rate limit).
 */
export type RefreshOutcome = 'refreshed' | 'expired' | 'refused' | 'failed';

export const SESSION_EXPIRED_NOTICE = 'Your session has expired. Please log in again.';

interface RefreshBody {
  data?: Partial<RefreshSessionMutation> | null;
  errors?: Array<{ extensions?: { code?: string; reason?: string } }>;
}

let inflight: Promise<RefreshOutcome> | null = null;

/**
 * Trades the refresh cookie for a new access token. Every caller that arrives while a refresh
 * is running shares its promise: however many requests failed at once, the server sees one
 * refreshToken call (each call rotates the cookie, so parallel calls would race each other).
 */
export function refreshSession(): Promise<RefreshOutcome> {
  inflight ??= runRefresh().finally(() => {
    inflight = null;
  });
  return inflight;
}

async function runRefresh(): Promise<RefreshOutcome> {
  let body: RefreshBody;
  try {
    // Plain fetch, outside Apollo's links, so a refresh can never set off another refresh.
    const response = await fetch('/graphql', {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'content-type': 'application/json',
        'x-session-transport': 'cookie',
        accept: 'application/graphql-response+json, application/json',
      },
      body: JSON.stringify({ operationName: 'RefreshSession', query: REFRESH }),
    });
    body = (await response.json()) as RefreshBody;
  } catch {
    return 'failed';
  }
  const payload = body.data?.refreshToken;
  if (payload) {
    session.signedIn(payload.accessToken, payload.user);
    return 'refreshed';
  }
  const refusal = body.errors?.find(
    (error) => error.extensions?.code === 'UNAUTHENTICATED',
  )?.extensions;
  if (!refusal) return 'failed';
  return refusal.reason === 'REFRESH_TOKEN_EXPIRED' ? 'expired' : 'refused';
}

/** At start-up: the cookie, if any, brings back the session a reload forgot. */
export async function restoreSession(): Promise<void> {
  const outcome = await refreshSession();
  if (outcome !== 'refreshed')
    session.signedOut(outcome === 'expired' ? SESSION_EXPIRED_NOTICE : null);
}
