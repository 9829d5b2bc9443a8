import type { EntityManager, MikroORM } from '@mikro-orm/mysql';
import { clientAddress, rateLimitKey, trustedProxies, type Logger, type Viewer } from '@social/kit';
import type { Request, Response } from 'express';
import type { MembersApp, RequestDeps } from './app';
import { deviceLabel, networkOf, type ClientInfo } from './session/client-info';
import { unauthenticated, type AuthResult } from './shared/request-auth';
import { createLoaders, type Loaders } from './user/user.loaders';

export interface MembersContext {
  em: EntityManager;
  loaders: Loaders;
  log: Logger;
  req: Request;
  /** Resolvers set and clear the refresh cookie on it. */
  res: Response;
  app: MembersApp;
  /** What resolvers hand to use cases, each of which takes only the part it uses. */
  deps: RequestDeps;
  /** The caller's address for per-address limits: an IPv6 client by its /64 (kit). */
  address: string;
  /** The device label and network a session records at login and refresh. */
  client: ClientInfo;
  /** The verified, unrevoked caller; throws UNAUTHENTICATED with the precise reason. */
  viewer(): Promise<Viewer>;
  /** The caller when a valid access token came along, else null (logout accepts both). */
  optionalViewer(): Promise<Viewer | null>;
  now(): Date;
}

/** One context per request: its own EntityManager and loaders, nothing shared between requests. */
export function createContextFactory(orm: MikroORM, app: MembersApp) {
  const proxies = trustedProxies(app.config.http.trustedProxies);
  // With the credential on, only requests the gateway signed get here: its x-forwarded-for,
  // which it writes itself (one hop, the client it resolved), is believed; else TRUSTED_PROXIES.
  const peerTrusted = app.config.gatewaySecret !== null;
  return ({ req, res }: { req: Request; res: Response }): Promise<MembersContext> => {
    const em = orm.em.fork();
    const address = clientAddress(req, proxies, { peerTrusted });
    let auth: Promise<AuthResult> | undefined;
    // Verified once per request and only when a resolver asks: anonymous reads cost no Redis call.
    const authResult = () => (auth ??= app.authenticate(req));
    return Promise.resolve({
      em,
      loaders: createLoaders(em),
      log: req.log,
      req,
      res,
      app,
      deps: { ...app, em, log: req.log },
      address: rateLimitKey(address),
      client: { device: deviceLabel(req.headers['user-agent']), address: networkOf(address) },
      now: () => new Date(app.clock()),
      viewer: async () => {
        const result = await authResult();
        if ('viewer' in result) return result.viewer;
        throw unauthenticated(result.reason);
      },
      optionalViewer: async () => {
        const result = await authResult();
        return 'viewer' in result ? result.viewer : null;
      },
    });
  };
}
