import type { Request, Response } from 'express';
import type { RequestAuth } from '@social/kit';

export interface GatewayContext {
  requestId: string;
  /** Resolved through TRUSTED_PROXIES; members limits by it (kit client-address.ts). */
  clientAddress: string;
  /** Kit's shared token check, with the gateway's cached revocations. */
  auth: RequestAuth;
  /** The verified access token forwarded to subgraphs; null unless it is valid. */
  forwardToken: string | null;
  /** Only members reads the refresh-token cookie. */
  cookie: string | undefined;
  req: Request;
  res: Response;
}
