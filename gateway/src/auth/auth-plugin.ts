import type { ApolloServerPlugin } from '@apollo/server';
import { accessTokenRefused, isAccessTokenReason, type AccessTokenReason } from '@social/kit';
import type { GatewayContext } from '../context';
import { requiredAccess } from './operation-policy';

/** Why a request was refused: no token where one is needed, or kit's reason for a bad one. */
export type AuthFailure = AccessTokenReason;

/**
 * A failing access token is the client's cue to refresh: kit's 401 with WWW-Authenticate and
 * one UNAUTHENTICATED error. Public auth mutations pass whatever token is attached, and
 * anonymous reads pass without one.
 */
export function authPlugin(
  onFailure: (reason: AuthFailure) => void,
): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, contextValue }) {
          if (!operation) return;
          const fragments = Object.fromEntries(
            document.definitions.flatMap((definition) =>
              definition.kind === 'FragmentDefinition' ? [[definition.name.value, definition]] : [],
            ),
          );
          const access = requiredAccess(operation, fragments);
          const auth = contextValue.auth;
          // Public auth mutations pass whatever is attached; a valid token still goes along
          // (logout uses it to find the session when no refresh token is given).
          if (access === 'public') return;
          if (auth.kind === 'valid') return;
          if (auth.kind === 'missing' && access === 'anonymous') return;
          const reason = auth.kind === 'missing' ? 'TOKEN_MISSING' : auth.reason;
          throw accessTokenRefused(reason);
        },
        // Counted as answered: refused here, or by a subgraph whose refusal is passed on.
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const reason = response.body.singleResult.errors
            ?.map((error) => error.extensions?.reason)
            .find(isAccessTokenReason);
          if (reason) onFailure(reason);
        },
      };
    },
  };
}
