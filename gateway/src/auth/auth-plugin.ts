import type { ApolloServerPlugin } from '@apollo/server';
import { tokenRefused, type AuthFailure } from '@social/kit';
import type { GatewayContext } from '../context';
import { requiredAccess } from './operation-policy';

/**
 * A failing access token gets kit's 401 (tokenRefused). Public auth mutations pass whatever
 * token is attached, and anonymous reads pass without one.
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
          onFailure(reason);
          throw tokenRefused(reason);
        },
      };
    },
  };
}
