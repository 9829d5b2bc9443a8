import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ErrorCode } from './errors';
import { tokenChallenge } from './token-reasons';

/**
 * One HTTP status for one meaning: when any error of a response says the caller's token is
 * the problem (UNAUTHENTICATED with a token or refresh-token reason), the whole response is
 * HTTP 401 with its WWW-Authenticate challenge and that one error, no partial data. It runs
 * in every service, so a subgraph called directly answers as the gateway does, and the
 * gateway passes on a subgraph's token error as its own 401, never as HTTP 200.
 */
export function tokenStatusPlugin<C extends BaseContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const tokenError = result.errors?.find(
            (error) =>
              error.extensions?.code === ErrorCode.UNAUTHENTICATED &&
              tokenChallenge(error.extensions.reason),
          );
          const challenge = tokenChallenge(tokenError?.extensions?.reason);
          if (!tokenError || !challenge) return;
          response.http.status = 401;
          response.http.headers.set(...challenge);
          response.body.singleResult = { errors: [tokenError] };
        },
      };
    },
  };
}
