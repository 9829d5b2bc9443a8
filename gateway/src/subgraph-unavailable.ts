import { ErrorCode, ServiceUnavailableError } from '@social/kit';
import type { GraphQLError } from 'graphql';

/**
 * A subgraph that answered HTTP 503 SERVICE_UNAVAILABLE (Redis is down: login, refresh and
 * logout in members) is passed on as such, so the gateway answers 503 with Retry-After too
 * instead of an internal error. `error` is what Apollo made of the non-2xx response.
 */
export function unavailableFromSubgraph(error: GraphQLError): GraphQLError | null {
  const response = error.extensions.response as { status?: unknown; body?: unknown } | undefined;
  if (response?.status !== 503) return null;
  const body = response.body as { errors?: Array<{ extensions?: { code?: unknown } }> } | null;
  const errors = Array.isArray(body?.errors) ? body.errors : [];
  const unavailable = errors.some(
    (each) => each.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE,
  );
  return unavailable ? new ServiceUnavailableError() : null;
}
