import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { RETRY_AFTER_SECONDS } from './errors';
import { isRedisUnreachable } from './redis';

/**
 * Resolvers call Redis in many places (rate limits, sessions, revocations); rather than wrap
 * each, an error that says Redis could not be reached is answered as a ServiceUnavailableError
 * wherever it was thrown: formatted with its code by createFormatError, HTTP 503 with
 * Retry-After here (a formatter cannot set the status).
 */
export function redisOutagePlugin<C extends BaseContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ errors, response }) {
          if (!errors?.some((error) => isRedisUnreachable(unwrapResolverError(error)))) return;
          response.http.status = 503;
          response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
        },
      };
    },
  };
}
