import path from 'node:path';
import { waitFor } from '@social/testkit';
import type { Locator, Page } from 'playwright-core';
import { openBrowser, SCREENSHOTS, GraphQLTraffic, type Browser } from './support/browser';
import { runInGraphiQL } from './support/graphiql';
import { buildPerson, linkFromMail, logIn, signUp, verifyFromMail } from './support/people';
import { startStack, type Stack } from './support/stack';
import { refreshUntilVisible, waitUntilRefused } from './support/wait';

async function openComments(post: Locator): Promise<void> {
  const toggle = post.getByRole('button', { name: /^Comments/ });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
}

async function openSettings(page: Page, tab: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Settings' })
    .click();
  await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: tab }).click();
}

const ANDROID_PHONE =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';

// Per file: the root config's global testTimeout wins over a project's when all projects run.
jest.setTimeout(240_000);

// Access tokens live 5 s (plus the gateway's clock tolerance), so they expire during the run.
describe('two people in the browser, end to end', () => {
  let stack: Stack;
  let alice: Browser;
  let bob: Browser;
  let bobTraffic: GraphQLTraffic;
  const people = { alice: buildPerson('Alice'), bob: buildPerson('Bob') };
  const alicePost = `Hello from Alice, the first post ${Date.now()}`;
  const bobPost = `Bob here, saying hi ${Date.now()}`;
  const comment = 'Welcome, Alice!';

  beforeAll(async () => {
    stack = await startStack({ accessTokenTtl: 5 });
    [alice, bob] = await Promise.all([openBrowser(), openBrowser()]);
    bobTraffic = new GraphQLTraffic(bob.page);
  }, 180_000);

  afterAll(async () => {
    await Promise.all([alice?.close(), bob?.close()]);
    await stack?.stop();
  }, 60_000);

  it('signs two people up, verifies them through the mailed link and logs them in', async () => {
    for (const [browser, person] of [
      [alice, people.alice],
      [bob, people.bob],
    ] as const) {
      await signUp(browser.page, stack.origin, person);
      await verifyFromMail(browser.page, stack.origin, stack.inbox, person);
      await logIn(browser.page, stack.origin, person);
    }
    await alice.page.getByText('Your feed is empty').waitFor();
  });

  it('lets Bob follow Alice from her profile', async () => {
    const { page } = bob;
    await page.goto(`${stack.origin}/u/${people.alice.handle}`);
    await page.getByRole('heading', { name: 'Alice' }).waitFor();
    await page.getByRole('button', { name: 'Follow' }).click();
    await page.getByRole('button', { name: 'Unfollow' }).waitFor();
    expect(await page.getByTestId('follower-count').textContent()).toBe('1');
  });

  it("shows Alice's post in Bob's feed, where he likes and comments on it", async () => {
    await alice.page.getByRole('link', { name: 'Home' }).click();
    await alice.page.getByLabel("What's happening?").fill(alicePost);
    await alice.page.getByRole('button', { name: 'Post', exact: true }).click();
    await alice.page.getByRole('article').filter({ hasText: alicePost }).waitFor();

    const { page } = bob;
    await page.getByRole('link', { name: 'Home' }).click();
    const post = page.getByRole('article').filter({ hasText: alicePost });
    await refreshUntilVisible(page.getByRole('button', { name: 'Refresh' }), post);
    await post.getByRole('button', { name: 'Like · 0' }).click();
    await post.getByRole('button', { name: 'Unlike · 1' }).waitFor();
    await post.getByRole('button', { name: 'Comments · 0' }).click();
    await post.getByLabel('Write a comment').fill(comment);
    await post.getByRole('button', { name: 'Comment', exact: true }).click();
    await post.getByText(comment).waitFor();
    await post.getByRole('button', { name: 'Comments · 1' }).waitFor();

    await page.getByLabel("What's happening?").fill(bobPost);
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    await page.getByRole('article').filter({ hasText: bobPost }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'feed.png'), fullPage: true });
  });

  it('tells Alice about the follow, the like and the comment, and keeps her session across a reload', async () => {
    const { page } = alice;
    await page.reload();
    await page.getByRole('heading', { name: 'Your feed' }).waitFor();
    await refreshUntilVisible(
      page.getByRole('button', { name: 'Refresh' }),
      page.getByTestId('unread-count').filter({ hasText: '3' }),
    );

    await page.getByRole('link', { name: /Notifications/ }).click();
    const list = page.getByRole('list', { name: 'Notifications' });
    await list.getByText('followed you').waitFor();
    await list.getByText('liked your post').waitFor();
    await list.getByText('commented on your post').waitFor();
    expect(await list.getByRole('listitem').count()).toBe(3);
    await page.getByTestId('unread-count').waitFor({ state: 'detached' });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'notifications.png'), fullPage: true });

    await page.getByRole('link', { name: 'Profile', exact: true }).click();
    await page.getByRole('heading', { name: 'Alice' }).waitFor();
    await page
      .getByRole('article')
      .filter({ hasText: alicePost })
      .getByRole('button', { name: 'Unlike · 1' })
      .or(
        page
          .getByRole('article')
          .filter({ hasText: alicePost })
          .getByRole('button', { name: 'Like · 1' }),
      )
      .waitFor();
    expect(await page.getByTestId('follower-count').textContent()).toBe('1');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'profile.png'), fullPage: true });
  });

  it('lets Alice find Bob with the search box in the header', async () => {
    const { page } = alice;
    const search = page.getByRole('search');
    await search.getByLabel('Search people').fill('bob');
    await search.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('heading', { name: 'People matching “bob”' }).waitFor();
    const results = page.getByRole('list', { name: 'Search results' });
    await results.getByRole('link', { name: 'Bob' }).waitFor();
    expect(await results.getByRole('listitem').count()).toBe(1);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'search.png') });
    await results.getByRole('link', { name: 'Bob' }).click();
    await page.getByRole('heading', { name: 'Bob' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/u/${people.bob.handle}`);
  });

  it("ends Alice's phone session from Settings > Sessions, and the phone is logged out on its next request", async () => {
    const phone = await openBrowser({ width: 375, height: 760, userAgent: ANDROID_PHONE });
    try {
      await logIn(phone.page, stack.origin, people.alice);
      const { page } = alice;
      await openSettings(page, 'Sessions');
      const sessions = page.getByRole('list', { name: 'Sessions' }).getByRole('listitem');
      const phoneSession = sessions.filter({ hasText: 'Chrome on Android' });
      await phoneSession.waitFor();
      expect(await sessions.count()).toBe(2);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'settings-sessions.png') });
      await sessions
        .filter({ hasText: 'This device' })
        .getByRole('button', { name: 'Log out' })
        .waitFor();
      await phoneSession.getByRole('button', { name: 'End session' }).click();
      await phoneSession.waitFor({ state: 'detached' });
      expect(await sessions.count()).toBe(1);

      // The phone's next step; its unread-count poll may have found out a moment earlier.
      await phone.page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: /Notifications/ })
        .click({ timeout: 3000 })
        .catch(() => undefined);
      await phone.page.getByRole('heading', { name: 'Log in' }).waitFor();
      await phone.page.getByText('Your session has expired. Please log in again.').waitFor();
      expect(phone.cspViolations).toEqual([]);
    } finally {
      await phone.close();
    }
    // Alice's own session goes on.
    await alice.page.getByRole('link', { name: 'Home' }).click();
    await alice.page.getByRole('heading', { name: 'Your feed' }).waitFor();
  });

  it('refreshes an access token that expired during use with one refreshToken call, unnoticed', async () => {
    const { page } = bob;
    await page.getByRole('link', { name: 'Home' }).click();
    const posts = page.getByRole('article');
    await refreshUntilVisible(
      page.getByRole('button', { name: 'Refresh' }),
      posts.filter({ hasText: alicePost }),
    );
    await posts.filter({ hasText: bobPost }).waitFor();
    // Two open comment threads: Refresh then reloads the feed, the unread count and both threads at once.
    await openComments(posts.filter({ hasText: alicePost }));
    await openComments(posts.filter({ hasText: bobPost }));
    await posts.filter({ hasText: alicePost }).getByText(comment).waitFor();
    await posts.filter({ hasText: bobPost }).getByText('No comments yet.').waitFor();

    await waitUntilRefused(stack.origin, () => bobTraffic.accessToken);
    bobTraffic.reset();
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.getByRole('button', { name: 'Refresh' }).waitFor();
    await waitFor('the page to finish its requests', () => bobTraffic.inflight === 0);

    expect(bobTraffic.unauthorized.length).toBeGreaterThanOrEqual(3);
    expect(bobTraffic.refreshCalls).toHaveLength(1);
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.getByRole('alert').count()).toBe(0);
    await posts.filter({ hasText: alicePost }).getByText(comment).waitFor();
  });

  it('lets Bob delete his own post, and works at phone width', async () => {
    const { page } = bob;
    await page.setViewportSize({ width: 375, height: 760 });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'feed-phone.png') });
    const own = page.getByRole('article').filter({ hasText: bobPost });
    await own.getByRole('button', { name: 'Delete' }).click();
    await own.getByRole('button', { name: 'Yes, delete' }).click();
    await own.waitFor({ state: 'detached' });
    await page.getByRole('article').filter({ hasText: alicePost }).waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth > window.innerWidth,
    );
    expect(overflow).toBe(false);
  });

  it('moves Bob to a new email address through the link mailed to it', async () => {
    const { page } = bob;
    const newEmail = people.bob.email.replace('bob.', 'bob.new.');
    await openSettings(page, 'Email');
    await page.getByText(`Your email address is ${people.bob.email}.`).waitFor();
    await page.getByLabel('New email address').fill(newEmail);
    await page.getByLabel('Current password').fill(people.bob.password);
    await page.getByRole('button', { name: 'Send the confirmation link' }).click();
    await page.getByText(`Check your new inbox: we sent a link to ${newEmail}.`).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'settings-email-phone.png') });

    const mail = await stack.inbox.waitFor(
      (m) => m.to.includes(newEmail) && m.text.includes('/confirm-email-change'),
      20_000,
    );
    await page.goto(linkFromMail(mail.text, stack.origin, '/confirm-email-change'));
    await page.getByRole('button', { name: 'Confirm my new email address' }).click();
    await page.getByText(`Done: your email address is now ${newEmail}.`).waitFor();
    people.bob.email = newEmail;
    await page.getByRole('link', { name: 'Back to your settings' }).click();
    await page.getByText(`Your email address is ${newEmail}.`).waitFor();
  });

  it('serves GraphiQL with no outside request, and runs queries with a token put in its Headers', async () => {
    const browser = await openBrowser();
    const outside: string[] = [];
    browser.page.on('request', (request) => {
      const url = new URL(request.url());
      if (!['data:', 'blob:'].includes(url.protocol) && url.origin !== stack.origin)
        outside.push(request.url());
    });
    try {
      const { page } = browser;
      await page.goto(`${stack.origin}/graphql`);
      await runInGraphiQL(page, {
        name: 'Probe',
        query: `query Probe { user(handle: "${people.alice.handle}") { handle displayName } }`,
        expectText: `"handle": "${people.alice.handle}"`,
      });
      // The README's way to act as someone: log in, then put the token in the Headers tab.
      const login = await runInGraphiQL(page, {
        name: 'Login',
        query: `mutation Login { login(email: "${people.alice.email}", password: "${people.alice.password}") { accessToken } }`,
        expectText: '"accessToken": "',
      });
      const token = (login.data?.login as { accessToken?: string } | undefined)?.accessToken;
      // A compact JWS: header.payload.signature, each base64url.
      expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      await runInGraphiQL(page, {
        name: 'WhoAmI',
        query: 'query WhoAmI { me { email } }',
        headers: `{"Authorization": "Bearer ${token}"}`,
        expectText: `"email": "${people.alice.email}"`,
      });
      await page.screenshot({ path: path.join(SCREENSHOTS, 'graphiql.png') });
      expect(outside).toEqual([]);
      expect(browser.cspViolations).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it("deletes Bob's account after a second confirmation, and takes his follow, like and comment from Alice's page", async () => {
    const { page } = bob;
    await openSettings(page, 'Delete account');
    const password = page.getByLabel('Current password');
    const confirm = page.getByRole('group', { name: 'Confirm deletion' });
    await password.fill('not my password at all');
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await confirm.getByRole('button', { name: 'Yes, delete my account' }).click();
    await page.getByText('is incorrect', { exact: true }).waitFor();
    expect(await password.getAttribute('aria-invalid')).toBe('true');

    await password.fill(people.bob.password);
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await confirm.getByText('This cannot be undone.').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'settings-delete-account.png') });
    await confirm.getByRole('button', { name: 'Yes, delete my account' }).click();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await page.getByText('Your account is deleted. Goodbye!').waitFor();
    await page.getByLabel('Email').fill(people.bob.email);
    await page.getByLabel('Password').fill(people.bob.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByText('That email and password do not match.').waitFor();

    // Members forgets Bob at once; activity and feed hear of it through Kafka.
    const own = alice.page;
    const search = own.getByRole('search');
    await search.getByLabel('Search people').fill('bob');
    await search.getByRole('button', { name: 'Search' }).click();
    await own.getByText('Nobody found').waitFor();
    const nav = own.getByRole('navigation', { name: 'Main' });
    const post = own.getByRole('article').filter({ hasText: alicePost });
    await waitFor(
      "Bob's follow, like and comment to leave Alice's profile",
      async () => {
        await nav.getByRole('link', { name: 'Home' }).click();
        await nav.getByRole('link', { name: 'Profile', exact: true }).click();
        try {
          await own
            .getByTestId('follower-count')
            .filter({ hasText: /^0$/ })
            .waitFor({ timeout: 1500 });
          await post
            .getByRole('button', { name: 'Like · 0', exact: true })
            .waitFor({ timeout: 1500 });
          await post
            .getByRole('button', { name: 'Comments · 0', exact: true })
            .waitFor({ timeout: 1500 });
          return true;
        } catch {
          return false;
        }
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    await nav.getByRole('link', { name: /Notifications/ }).click();
    await refreshUntilVisible(
      own.getByRole('button', { name: 'Refresh' }),
      own.getByText('No notifications yet'),
    );
  });

  it('met no Content-Security-Policy refusal anywhere in the app', () => {
    expect([...alice.cspViolations, ...bob.cspViolations]).toEqual([]);
  });
});
