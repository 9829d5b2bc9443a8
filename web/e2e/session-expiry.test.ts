import path from 'node:path';
import { waitFor } from '@social/testkit';
import { GraphQLTraffic, openBrowser, SCREENSHOTS, type Browser } from './support/browser';
import { buildPerson, logIn, signUp, verifyFromMail } from './support/people';
import { startStack, type Stack } from './support/stack';
import { waitUntilRefused } from './support/wait';

// Per file: the root config's global testTimeout wins over a project's when all projects run.
jest.setTimeout(240_000);

// The session's idle lifetime is 4 s: left alone, it ends while the page is open.
describe('a session that runs out while the page is open', () => {
  let stack: Stack;
  let carol: Browser;
  let traffic: GraphQLTraffic;
  const person = buildPerson('Carol');

  beforeAll(async () => {
    stack = await startStack({ accessTokenTtl: 1, refreshTokenTtl: 4 });
    carol = await openBrowser();
    traffic = new GraphQLTraffic(carol.page);
  }, 180_000);

  afterAll(async () => {
    await carol?.close();
    await stack?.stop();
  }, 60_000);

  it('sends the person to the login page with a message, and back where they were after logging in', async () => {
    const { page, context } = carol;
    await signUp(page, stack.origin, person);
    await verifyFromMail(page, stack.origin, stack.inbox, person);
    await logIn(page, stack.origin, person);
    await page.getByRole('link', { name: 'Profile', exact: true }).click();
    await page.getByRole('heading', { name: 'Carol' }).waitFor();
    traffic.reset();

    // The browser drops the refresh cookie when the session's idle lifetime ends; the access
    // token is refused once its own lifetime and the gateway's clock tolerance have passed.
    await waitFor(
      'the refresh cookie to expire',
      async () => !(await context.cookies()).some((c) => c.name === 'refresh_token'),
      {
        timeoutMs: 30_000,
        intervalMs: 250,
      },
    );
    await waitUntilRefused(stack.origin, () => traffic.accessToken);

    // The person's next step; the unread-count poll may have found out a moment earlier.
    const settings = page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Settings' });
    await settings.click({ timeout: 3000 }).catch(() => undefined);
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await page.getByText('Your session has expired. Please log in again.').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(traffic.refreshCalls).toHaveLength(1);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'login-session-expired.png') });

    await page.getByLabel('Email').fill(person.email);
    await page.getByLabel('Password').fill(person.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: /Edit profile|Carol/ }).waitFor();
    expect(['/settings/profile', `/u/${person.handle}`]).toContain(new URL(page.url()).pathname);
  });

  it('shows field errors from BAD_USER_INPUT next to their fields on sign-up', async () => {
    const { page } = carol;
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByText('You have logged out.').waitFor();
    await page.goto(`${stack.origin}/signup`);
    await page.getByLabel('Email').fill('not-an-email');
    await page.getByLabel('Handle').fill('x');
    await page.getByLabel('Display name').fill('Dee');
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'Please correct the highlighted fields.' })
      .waitFor();
    const email = page.getByLabel('Email');
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await email.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toBe(
      'must be a valid email address',
    );
    expect(await page.getByLabel('Handle').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Password').getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'signup-errors.png') });
  });
});
