import { ErrorCode, isTokenReason, UnauthenticatedError } from '@social/kit';
import type { GraphQLError } from 'graphql';

interface SubgraphBody {
  errors?: Array<{ message?: unknown; extensions?: { code?: unknown; reason?: unknown } }>;
}

/**
 * A subgraph that refuses the caller's token answers HTTP 401 with the error in its body.
 * Apollo's data source would make that a bare "401: Unauthorized" carrying the subgraph's
 * whole response; the gateway passes on the subgraph's own error instead (code, reason,
 * message), which kit's token-status plugin then answers as the gateway's 401.
 */
export function subgraphRefusal(body: unknown): GraphQLError | null {
  const errors = (body as SubgraphBody | null)?.errors;
  const refused = Array.isArray(errors)
    ? errors.find(
        (error) =>
          error.extensions?.code === ErrorCode.UNAUTHENTICATED &&
          isTokenReason(error.extensions.reason),
      )
    : undefined;
  const reason = refused?.extensions?.reason;
  if (!refused || !isTokenReason(reason)) return null;
  return new UnauthenticatedError(
    reason,
    typeof refused.message === 'string' ? refused.message : undefined,
  );
}
