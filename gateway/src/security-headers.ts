import type { NextFunction, Request, Response } from 'express';

/**
 * The browser app's policy: everything it loads is its own (scripts, styles, fonts, the
 * avatars through /avatars), it talks only to its own origin, and no other site may frame it
 * (clickjacking). `data:` images are the favicon's empty data URL.
 */
const APP_POLICY = {
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self'",
  'img-src': "'self' data:",
  'font-src': "'self'",
  'connect-src': "'self'",
  'worker-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'self'",
  'frame-ancestors': "'none'",
};

const policy = (directives: Record<string, string>) =>
  Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');

export const APP_CSP = policy(APP_POLICY);

/**
 * GraphiQL (development only) is the same, except that its editor, Monaco, writes <style>
 * elements at run time and its page has one inline style: styles may be inline; inline
 * scripts still may not run.
 */
export const GRAPHIQL_CSP = policy({
  ...APP_POLICY,
  'style-src': "'self' 'unsafe-inline'",
  // Monaco starts its language workers from a blob: bootstrap that imports the bundled file.
  'script-src': "'self' blob:",
  'worker-src': "'self' blob:",
  'font-src': "'self' data:",
});

/** Two years, subdomains too: the value HSTS preload lists ask for. */
const HSTS = 'max-age=63072000; includeSubDomains';

/**
 * Headers on every gateway response: no MIME sniffing, no referrer beyond the origin to other
 * sites, the app's CSP (routes that serve something else set their own), and in production
 * HSTS (TLS ends in front of the gateway; the browser then never tries plain HTTP again).
 */
export function securityHeaders(production: boolean) {
  return (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'strict-origin-when-cross-origin');
    res.setHeader('content-security-policy', APP_CSP);
    if (production) res.setHeader('strict-transport-security', HSTS);
    next();
  };
}
