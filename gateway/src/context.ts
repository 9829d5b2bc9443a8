import type { Request, Response } from 'express';
import type { AuthState } from './auth/authenticate';

export interface GatewayContext {
  requestId: string;
  clientAddress: string;
  auth: AuthState;
  /** The verified access token forwarded to subgraphs; null unless it is valid. */
  forwardToken: string | null;
  /** Only members reads the refresh-token cookie. */
  cookie: string | undefined;
  req: Request;
  res: Response;
}
