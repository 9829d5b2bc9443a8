import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express, type Request } from 'express';
import { GRAPHIQL_CSP, securityHeaders } from './security-headers';

export interface WebOptions {
  /** The built web app (web/dist); skipped when it has not been built. */
  webDist: string;
  /** Members' base URL, for the generated default avatars. */
  membersBaseUrl: string;
  production: boolean;
}

const AVATAR_HEADERS = [
  'content-type',
  'cache-control',
  'content-security-policy',
  'x-content-type-options',
];

const CLIENT_ROUTE = /^\/(?!graphql|healthz|readyz|metrics|avatars\/|assets\/)[^.]*$/;

/**
 * The browser app lives at the gateway's origin so the refresh cookie (Path=/graphql,
 * SameSite=Strict) reaches the API. In development a browser asking for /graphql gets the
 * bundled GraphiQL; in production it gets nothing but the API.
 */
export function webRoutes(options: WebOptions) {
  return (app: Express) => {
    app.use(securityHeaders(options.production));
    app.get('/avatars/:file', async (req, res) => {
      const file = String(req.params.file);
      if (!/^[0-9a-f-]{36}\.svg$/.test(file)) return void res.status(404).end();
      try {
        const upstream = await fetch(new URL(`/avatars/${file}`, options.membersBaseUrl), {
          signal: AbortSignal.timeout(3000),
        });
        res.status(upstream.status);
        // Members' own policy and nosniff for the SVG replace the app's.
        for (const header of AVATAR_HEADERS) {
          const value = upstream.headers.get(header);
          if (value) res.setHeader(header, value);
        }
        res.send(Buffer.from(await upstream.arrayBuffer()));
      } catch {
        res.status(502).end();
      }
    });
    const index = path.join(options.webDist, 'index.html');
    const graphiql = path.join(options.webDist, 'graphiql', 'index.html');
    if (!options.production) {
      app.get('/graphql', (req, res, next) =>
        wantsHtml(req) && existsSync(graphiql)
          ? res.setHeader('content-security-policy', GRAPHIQL_CSP).sendFile(graphiql)
          : next(),
      );
    }
    app.use(express.static(options.webDist, { index: false, maxAge: '1h', immutable: false }));
    app.get(CLIENT_ROUTE, (_req, res, next) => (existsSync(index) ? res.sendFile(index) : next()));
  };
}

function wantsHtml(req: Request): boolean {
  return (
    req.method === 'GET' && !req.query.query && (req.header('accept') ?? '').includes('text/html')
  );
}
