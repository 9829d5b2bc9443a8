import type { EntityManager } from '@mikro-orm/mysql';
import type { Logger, Viewer } from '@social/kit';
import type { Request, Response } from 'express';
import type { MembersApp } from './app';
import type { Loaders } from './loaders';

export interface MembersContext {
  em: EntityManager;
  loaders: Loaders;
  log: Logger;
  req: Request;
  /** Resolvers set and clear the refresh cookie on it. */
  res: Response;
  app: MembersApp;
  /** The caller's address for per-address limits (kit's clientAddress). */
  address: string;
  /** The verified, unrevoked caller; throws UNAUTHENTICATED with the precise reason. */
  viewer(): Promise<Viewer>;
  /** The caller when a valid access token came along, else null (logout accepts both). */
  optionalViewer(): Promise<Viewer | null>;
  now(): Date;
}
