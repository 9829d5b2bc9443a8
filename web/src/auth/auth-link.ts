import { ApolloLink, ServerError } from '@apollo/client';
import { catchError, from, mergeMap, type Observable, of, throwError } from 'rxjs';
import { refreshSession, SESSION_EXPIRED_NOTICE } from './refresh';
import { session } from './session';

/** The reasons the gateway gives with HTTP 401: the access token, not the person, is the problem. */
const TOKEN_REASONS = new Set(['TOKEN_MISSING', 'TOKEN_EXPIRED', 'TOKEN_INVALID', 'TOKEN_REVOKED']);

type Result = ApolloLink.Result;

/**
 * Apollo Client 4 may see a 401 as a result with UNAUTHENTICATED errors or as a ServerError.
 * A refused refresh (REFRESH_TOKEN_*) is a 401 too, but no access-token problem: refreshing
 * after it would loop.
 */
export function isAccessTokenFailure(value: unknown): boolean {
  if (ServerError.is(value))
    return value.statusCode === 401 && !/"REFRESH_TOKEN_/.test(value.bodyText);
  const errors = (value as Result | undefined)?.errors;
  return Boolean(
    errors?.some(
      (error) =>
        error.extensions?.code === 'UNAUTHENTICATED' &&
        TOKEN_REASONS.has(String(error.extensions?.reason)),
    ),
  );
}

function attachToken(operation: ApolloLink.Operation): string | null {
  const token = session.accessToken();
  operation.setContext(({ headers = {} }: { headers?: Record<string, string> }) => ({
    headers: token ? { ...headers, authorization: `Bearer ${token}` } : headers,
  }));
  return token;
}

/** Whether to retry after `sentWith` was refused: refresh once, or reuse a newer token. */
async function renew(sentWith: string | null): Promise<boolean> {
  const current = session.accessToken();
  if (current && current !== sentWith) return true;
  // Signed out (logged out, or a refresh was already refused): no refresh until the next login.
  if (!current && session.getSnapshot().status === 'anonymous') return false;
  const outcome = await refreshSession();
  if (outcome === 'refused' || outcome === 'expired')
    session.signedOut(SESSION_EXPIRED_NOTICE, true);
  return outcome === 'refreshed';
}

/**
 * Sends the in-memory access token; on a 401 refreshes (one shared call for all the requests
 * that failed together) and retries the request once with the new token. A refused refresh
 * ends the session, which sends the person to the login page with a notice.
 */
export const authLink = new ApolloLink((operation, forward) => {
  const sentWith = attachToken(operation);
  let retried = false;
  const retryOnce = (failure: unknown, fail: () => Observable<Result>): Observable<Result> => {
    if (retried || !isAccessTokenFailure(failure)) return fail();
    retried = true;
    return from(renew(sentWith)).pipe(
      mergeMap((renewed) => {
        if (!renewed) return fail();
        attachToken(operation);
        return forward(operation);
      }),
    );
  };
  return forward(operation).pipe(
    mergeMap((result) => retryOnce(result, () => of(result))),
    catchError((error: unknown) => retryOnce(error, () => throwError(() => error))),
  );
});
