import { createRemoteVerifier, newId } from '@social/kit';
import { silentLogger } from '@social/testkit';
import { APP_CSP, GRAPHIQL_CSP } from '../../gateway/src/security-headers';
import { createServer as createGateway } from '../../gateway/src/server';
import { startStack, type TestStack } from './stack';

/** The built web app (web/dist, made by the build that runs before the tests) is served. */
describe('the security headers of what the gateway serves to browsers', () => {
  let stack: TestStack;
  let origin: string;
  /** A development gateway over the same subgraphs: it serves GraphiQL. */
  let development: { origin: string; stop(): Promise<void> };

  beforeAll(async () => {
    stack = await startStack({ production: true });
    origin = new URL(stack.url).origin;
    const gateway = await createGateway(
      { ...stack.config, production: false },
      {
        logger: silentLogger,
        verifier: createRemoteVerifier(stack.config.auth.jwksUrl),
        redis: stack.redis,
      },
    );
    development = {
      origin: `http://127.0.0.1:${await gateway.listen(0)}`,
      stop: () => gateway.stop(),
    };
  });

  afterAll(async () => {
    await development.stop();
    await stack.stop();
  });

  const headersOf = async (url: string, accept = 'text/html') => {
    const response = await fetch(url, { headers: { accept } });
    return { status: response.status, headers: response.headers };
  };

  it('serves the web app with its CSP, no framing, no sniffing, a referrer policy and HSTS', async () => {
    for (const path of ['/', '/login', '/u/someone']) {
      const { status, headers } = await headersOf(`${origin}${path}`);
      expect([path, status, headers.get('content-type')]).toEqual([
        path,
        200,
        expect.stringMatching(/^text\/html/),
      ]);
      expect(headers.get('content-security-policy')).toBe(APP_CSP);
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(headers.get('strict-transport-security')).toBe('max-age=63072000; includeSubDomains');
    }
    expect(APP_CSP).toContain("frame-ancestors 'none'");
    expect(APP_CSP).toContain("script-src 'self';");
  });

  it("keeps members' policy and nosniff on the avatars it proxies", async () => {
    const { status, headers } = await headersOf(`${origin}/avatars/${newId()}.svg`, 'image/*');
    expect([status, headers.get('content-type')]).toEqual([
      200,
      expect.stringMatching(/^image\/svg\+xml/),
    ]);
    expect(headers.get('content-security-policy')).toBe(
      "default-src 'none'; style-src 'unsafe-inline'",
    );
    expect(headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves GraphiQL in development with its own CSP and no HSTS (plain-HTTP development)', async () => {
    const { status, headers } = await headersOf(`${development.origin}/graphql`);
    expect([status, headers.get('content-type')]).toEqual([
      200,
      expect.stringMatching(/^text\/html/),
    ]);
    expect(headers.get('content-security-policy')).toBe(GRAPHIQL_CSP);
    expect(GRAPHIQL_CSP).toContain("frame-ancestors 'none'");
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('strict-transport-security')).toBeNull();
    expect((await headersOf(`${development.origin}/`)).headers.get('content-security-policy')).toBe(
      APP_CSP,
    );
  });
});
