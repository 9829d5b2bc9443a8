import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from 'pino';
import { isRedisUnreachable } from './redis';
import {
  accessTokenMessage,
  tokenChallenge,
  type AccessTokenReason,
  type UnauthenticatedReason,
} from './token-reasons';

/** Every code a client can act on (API.graphql); anything else becomes INTERNAL_SERVER_ERROR. */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  EMAIL_NOT_VERIFIED: 'EMAIL_NOT_VERIFIED',
  RATE_LIMITED: 'RATE_LIMITED',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface FieldProblem {
  field: string;
  message: string;
}

/** Base of the errors we raise on purpose; their message and extensions are client-safe. */
export class AppError extends GraphQLError {
  constructor(message: string, code: ErrorCode, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
  }
}

export class UnauthenticatedError extends AppError {
  constructor(reason: UnauthenticatedReason, message = 'Authentication required') {
    const challenge = tokenChallenge(reason);
    super(message, ErrorCode.UNAUTHENTICATED, {
      reason,
      // Apollo turns `http` into the response's status and headers and drops it from the body.
      ...(challenge && { http: { status: 401, headers: new Map([challenge]) } }),
    });
  }
}

/** The client's cue to refresh: HTTP 401 with WWW-Authenticate and the precise reason. */
export function accessTokenRefused(reason: AccessTokenReason): UnauthenticatedError {
  return new UnauthenticatedError(reason, accessTokenMessage(reason));
}

export class ForbiddenError extends AppError {
  constructor(message = 'You are not allowed to do that') {
    super(message, ErrorCode.FORBIDDEN);
  }
}

export class BadUserInputError extends AppError {
  constructor(fields: FieldProblem[], message?: string) {
    super(
      message ?? fields.map((f) => `${f.field}: ${f.message}`).join('; '),
      ErrorCode.BAD_USER_INPUT,
      {
        fields,
      },
    );
  }
}

export class NotFoundError extends AppError {
  constructor(message = 'Not found') {
    super(message, ErrorCode.NOT_FOUND);
  }
}

export class ConflictError extends AppError {
  constructor(reason: string, message: string) {
    super(message, ErrorCode.CONFLICT, { reason });
  }
}

export class EmailNotVerifiedError extends AppError {
  constructor(message = 'Verify your email address before logging in') {
    super(message, ErrorCode.EMAIL_NOT_VERIFIED);
  }
}

export class RateLimitedError extends AppError {
  constructor(retryAfterSeconds: number, message = 'Too many attempts; try again later') {
    super(message, ErrorCode.RATE_LIMITED, {
      retryAfterSeconds: Math.max(1, Math.ceil(retryAfterSeconds)),
    });
  }
}

/** Seconds a client is told to wait: the Redis client retries its connection twice a second. */
export const RETRY_AFTER_SECONDS = 2;

/**
 * A dependency the request needs (Redis, the database) cannot do its part now: HTTP 503 with
 * Retry-After, code SERVICE_UNAVAILABLE. The request is refused (fail closed), never answered
 * as if it had passed.
 */
export class ServiceUnavailableError extends AppError {
  constructor(
    message = 'A service this request needs is unavailable; try again shortly',
    retryAfterSeconds = RETRY_AFTER_SECONDS,
  ) {
    const retryAfter = Math.max(1, Math.ceil(retryAfterSeconds));
    super(message, ErrorCode.SERVICE_UNAVAILABLE, {
      retryAfterSeconds: retryAfter,
      http: { status: 503, headers: new Map([['retry-after', String(retryAfter)]]) },
    });
  }
}

/** Codes produced by graphql-js and Apollo Server themselves that are safe to pass on. */
const FRAMEWORK_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

const CLIENT_CODES = new Set<string>(Object.values(ErrorCode));

/**
 * The one error boundary: our own errors, and errors that carry a client code on purpose (the framework's,
 * or a subgraph's coming through the gateway) pass with their extensions; everything else
 * (ORM, driver, network, bugs) is logged with its stack and answered with a message that
 * says nothing about internals. Only deliberate errors carry such codes: Apollo gives every
 * other error INTERNAL_SERVER_ERROR.
 */
export function createFormatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const cause = unwrapResolverError(error);
    // Wherever a resolver met a Redis outage, the client hears 503 (redisOutagePlugin).
    if (isRedisUnreachable(cause)) {
      logger.warn({ err: cause, path: formatted.path }, 'redis unreachable: answered 503');
      const { message, extensions } = new ServiceUnavailableError();
      const { http: _http, ...rest } = extensions;
      return { message, locations: formatted.locations, path: formatted.path, extensions: rest };
    }
    const code = formatted.extensions?.code as string | undefined;
    const deliberate =
      unwrapResolverError(error) instanceof AppError ||
      (code !== undefined &&
        code !== ErrorCode.INTERNAL_SERVER_ERROR &&
        (CLIENT_CODES.has(code) || FRAMEWORK_CODES.has(code)));
    if (deliberate) {
      const {
        stacktrace: _stack,
        serviceName: _service,
        exception: _exception,
        ...extensions
      } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    logger.error(
      { err: unwrapResolverError(error), path: formatted.path, code },
      'unexpected error in operation',
    );
    return {
      message: 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
