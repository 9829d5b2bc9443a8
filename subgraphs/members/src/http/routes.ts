import type { KeyStore } from '@social/auth';
import { isId } from '@social/kit';
import type { Express } from 'express';
import { renderAvatarSvg } from '../user/default-avatar';

const AVATAR_FILE = /^([0-9a-f-]{36})\.svg$/;

/** Plain HTTP routes mounted before /graphql. */
export function mountRoutes(app: Express, keyStore: KeyStore): void {
  // Five minutes: verifiers pick up a newly published key soon, and members is not hit per request.
  app.get('/.well-known/jwks.json', (_req, res) => {
    res.setHeader('cache-control', 'public, max-age=300');
    res.json(keyStore.jwks());
  });

  app.get('/avatars/:file', (req, res) => {
    const match = AVATAR_FILE.exec(String(req.params.file));
    const id = match?.[1];
    if (!id || !isId(id)) {
      res.status(404).type('text/plain').send('Not found');
      return;
    }
    res.setHeader('content-type', 'image/svg+xml');
    res.setHeader('cache-control', 'public, max-age=31536000, immutable');
    // An SVG is a document: never sniffed as something else, and never allowed to run script.
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'");
    res.send(renderAvatarSvg(id));
  });
}
