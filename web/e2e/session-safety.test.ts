import { openBrowser, type Browser } from './support/browser';
import { buildPerson, logIn, signUp, verifyFromMail } from './support/people';
import { startStack, type Stack } from './support/stack';

// Per file: the root config's global testTimeout wins over a project's when all projects run.
jest.setTimeout(240_000);

interface Probe {
  cookieVisible: boolean;
  login: unknown;
  refresh: unknown;
}

describe('a browser session out of reach of page scripts, ended only when the server ends it', () => {
  let stack: Stack;
  let dana: Browser;
  const person = buildPerson('Dana');

  beforeAll(async () => {
    stack = await startStack();
    dana = await openBrowser();
  }, 180_000);

  afterAll(async () => {
    await dana?.close();
    await stack?.stop();
  }, 60_000);

  it('lets no page script read a refresh token: not from document.cookie, not from any response', async () => {
    const { page, context } = dana;
    await signUp(page, stack.origin, person);
    await verifyFromMail(page, stack.origin, stack.inbox, person);
    const appLogin = page.waitForResponse(
      (r) => r.url().endsWith('/graphql') && /login\(/.test(r.request().postData() ?? ''),
    );
    await logIn(page, stack.origin, person);
    const loginBody = JSON.stringify(await (await appLogin).json());
    const cookie = (await context.cookies()).find((c) => c.name === 'refresh_token');
    expect(cookie?.httpOnly).toBe(true);
    expect(loginBody).not.toContain(cookie?.value ?? 'no cookie');

    // What a script injected into the page could do: read cookies, call the API itself.
    const probe: Probe = await page.evaluate(
      async ({ email, password }) => {
        const post = async (query: string, headers: Record<string, string> = {}) => {
          const response = await fetch('/graphql', {
            method: 'POST',
            credentials: 'same-origin',
            headers: { 'content-type': 'application/json', ...headers },
            body: JSON.stringify({ query, variables: { email, password } }),
          });
          return (await response.json()) as { data?: Record<string, unknown> };
        };
        const login = await post(
          'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { refreshToken } }',
          { 'x-session-transport': 'cookie' },
        );
        const refresh = await post('mutation { refreshToken { refreshToken } }');
        return {
          cookieVisible: document.cookie.includes('refresh_token'),
          login: login.data?.login,
          refresh: refresh.data?.refreshToken,
        };
      },
      { email: person.email, password: person.password },
    );
    expect(probe).toEqual({
      cookieVisible: false,
      login: { refreshToken: null },
      refresh: { refreshToken: null },
    });
  });

  it('stays signed in and says so when the server cannot end the session, and logs out when it can', async () => {
    const { page } = dana;
    await page.goto(`${stack.origin}/`);
    await page.getByRole('heading', { name: 'Your feed' }).waitFor();
    // The server's side of this (the revocation write failing, 503) is tested against a
    // stopped Redis in members; here the browser gets that same answer.
    await page.route('**/graphql', async (route) => {
      if (!/logout/.test(route.request().postData() ?? '')) return route.fallback();
      await route.fulfill({
        status: 503,
        headers: { 'content-type': 'application/json', 'retry-after': '5' },
        body: JSON.stringify({
          errors: [
            {
              message: 'The session could not be ended and is still active; try again shortly',
              extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 5 },
            },
          ],
        }),
      });
    });
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('alert').filter({ hasText: 'You are still logged in' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByRole('heading', { name: 'Your feed' }).waitFor();

    await page.unroute('**/graphql');
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByText('You have logged out.').waitFor();
    expect((await dana.context.cookies()).some((c) => c.name === 'refresh_token')).toBe(false);
  });
});
