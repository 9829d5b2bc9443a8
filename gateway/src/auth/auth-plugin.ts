import type { ApolloServerPlugin } from '@apollo/server';
import type { TokenFailure } from '@social/kit';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from '../context';
import { requiredAccess } from './operation-policy';

/** Why a request was refused: no token where one is needed, or kit's reason for a bad one. */
export type AuthFailure = 'TOKEN_MISSING' | TokenFailure;

const MESSAGES: Record<AuthFailure, string> = {
  TOKEN_MISSING: 'An access token is required',
  TOKEN_EXPIRED: 'The access token has expired',
  TOKEN_INVALID: 'The access token is invalid',
  TOKEN_REVOKED: 'The session of this access token has ended',
};

/**
 * A failing access token is the client's cue to refresh: HTTP 401 with WWW-Authenticate and
 * one UNAUTHENTICATED error. Public auth mutations pass whatever token is attached, and
 * anonymous reads pass without one.
 */
function unauthenticated(reason: AuthFailure): GraphQLError {
  return new GraphQLError(MESSAGES[reason], {
    extensions: {
      code: 'UNAUTHENTICATED',
      reason,
      http: {
        status: 401,
        headers: new Map([['www-authenticate', 'Bearer error="invalid_token"']]),
      },
    },
  });
}

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
          onFailure(reason);
          throw unauthenticated(reason);
        },
      };
    },
  };
}
