import {
  createHash,
  createHmac,
  createSecretKey,
  timingSafeEqual,
  type KeyObject,
} from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { EnvError, GATEWAY_SECRET_MIN_LENGTH } from './env';
import { ErrorCode } from './errors';

/**
 * Subgraphs answer only the gateway: the gateway signs every subgraph request with
 * HMAC-SHA256 over (timestamp, method, path, body hash) using the shared GATEWAY_SECRET, and a
 * subgraph refuses /graphql requests whose signature is missing, wrong or too old. The README
 * ("Subgraphs answer only the gateway") says why this and not mTLS.
 */
export const GATEWAY_SIGNATURE_HEADER = 'x-gateway-signature';

/** How far the signer's clock may be from the verifier's, either way; also a signature's life. */
export const GATEWAY_SIGNATURE_SKEW_SECONDS = 60;

/** Why a subgraph refused a request (extensions.reason beside code FORBIDDEN, HTTP 403). */
export type GatewayCredentialReason = 'GATEWAY_CREDENTIAL_REQUIRED' | 'GATEWAY_CREDENTIAL_INVALID';

/** What a signature covers. `path` includes the query string, as sent on the request line. */
export interface SignedRequest {
  method: string;
  path: string;
  body: string | Uint8Array;
}

const unixNow = () => Math.floor(Date.now() / 1000);
const SIGNATURE = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/;

function keyOf(secret: string): KeyObject {
  return createSecretKey(Buffer.from(secret, 'utf8'));
}

function mac(key: KeyObject, timestamp: number, request: SignedRequest): Buffer {
  const bodyHash = createHash('sha256').update(request.body).digest('hex');
  return createHmac('sha256', key)
    .update(`v1\n${timestamp}\n${request.method.toUpperCase()}\n${request.path}\n${bodyHash}`)
    .digest();
}

/** Signs requests as the gateway: the value of the x-gateway-signature header. */
export function createGatewaySigner(secret: string, now: () => number = unixNow) {
  const key = keyOf(secret);
  return (request: SignedRequest): string => {
    const timestamp = now();
    return `t=${timestamp},v1=${mac(key, timestamp, request).toString('hex')}`;
  };
}

/** Checks a request's x-gateway-signature values; null when it is the gateway's. */
export function createGatewayVerifier(
  secret: string,
  options: { skewSeconds?: number; now?: () => number } = {},
) {
  const key = keyOf(secret);
  const skew = options.skewSeconds ?? GATEWAY_SIGNATURE_SKEW_SECONDS;
  const now = options.now ?? unixNow;
  return (
    headers: readonly string[] | undefined,
    request: SignedRequest,
  ): GatewayCredentialReason | null => {
    if (!headers || headers.length === 0) return 'GATEWAY_CREDENTIAL_REQUIRED';
    const match = headers.length === 1 ? SIGNATURE.exec(headers[0] ?? '') : null;
    if (!match?.[1] || !match[2]) return 'GATEWAY_CREDENTIAL_INVALID';
    const timestamp = Number(match[1]);
    if (Math.abs(now() - timestamp) > skew) return 'GATEWAY_CREDENTIAL_INVALID';
    const given = Buffer.from(match[2], 'hex');
    return timingSafeEqual(given, mac(key, timestamp, request))
      ? null
      : 'GATEWAY_CREDENTIAL_INVALID';
  };
}

const rawBodies = new WeakMap<IncomingMessage, Buffer>();

/**
 * The /graphql guard of a subgraph: `keepBody` goes to express.json's `verify` so the exact
 * bytes are hashed, `check` runs after it and answers 403 with the reason when the request
 * does not come from the gateway.
 */
export function gatewayCredentialGuard(
  secret: string,
  options: { skewSeconds?: number; now?: () => number } = {},
) {
  const verify = createGatewayVerifier(secret, options);
  return {
    keepBody: (req: IncomingMessage, _res: unknown, body: Buffer) => void rawBodies.set(req, body),
    check: (req: Request, res: Response, next: NextFunction) => {
      const reason = verify(req.headersDistinct[GATEWAY_SIGNATURE_HEADER], {
        method: req.method,
        path: req.originalUrl,
        body: rawBodies.get(req) ?? '',
      });
      if (!reason) return next();
      req.log.warn({ reason }, 'refused a request without the gateway credential');
      res.status(403).json({
        errors: [
          {
            message: 'This service answers the gateway only',
            extensions: { code: ErrorCode.FORBIDDEN, reason },
          },
        ],
      });
    },
  };
}

/**
 * GATEWAY_SECRET as a service uses it: required in production (no default, ever), optional
 * elsewhere, where leaving it unset turns the credential off.
 */
export function gatewaySecretFromEnv(env: {
  NODE_ENV: string;
  GATEWAY_SECRET?: string | undefined;
}): string | null {
  if (env.GATEWAY_SECRET) return env.GATEWAY_SECRET;
  if (env.NODE_ENV === 'production')
    throw new EnvError(
      `Invalid environment:\n  GATEWAY_SECRET: required in production (at least ${GATEWAY_SECRET_MIN_LENGTH} characters, shared by the gateway and every subgraph)`,
    );
  return null;
}
