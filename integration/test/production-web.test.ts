import { graphql, tokenFromMail } from '@social/testkit';
import { loadConfig as loadFeedConfig } from '../../subgraphs/feed/src/config';
import { startStack, type TestStack } from './stack';
import { deliverOutbox, webOperations } from './web-operations';

/**
 * Every operation the web app sends, through the real gateway with every service in
 * production mode: subgraphs answering only the gateway's signed requests and applying the
 * same query limits to the plans' fetches (`_entities` included) as the gateway applies.
 */
describe('the web app against a production stack', () => {
  const operations = webOperations();
  const ran = new Set<string>();
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack({ production: true });
  });

  afterAll(() => stack.stop());

  /** Runs one web operation and returns its data; any error fails with the whole answer. */
  async function run(
    name: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) {
    const query = operations.get(name);
    if (!query) throw new Error(`no web operation ${name}`);
    const response = await graphql(stack.url, { query, variables, operationName: name, headers });
    if (response.status !== 200 || response.body.errors || !response.body.data)
      throw new Error(`${name}: HTTP ${response.status} ${JSON.stringify(response.body)}`);
    ran.add(name);
    return { data: response.body.data, cookies: response.headers.getSetCookie() };
  }

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const mailTo = (email: string, subject: RegExp) =>
    stack.members.inbox.waitFor((mail) => mail.to.includes(email) && subject.test(mail.subject));

  it('serves each of them', async () => {
    const email = 'web_user@example.test';
    const password = 'a long enough password 1';
    const signUp = await run('SignUp', {
      input: { email, password, handle: 'web_user', displayName: 'Web User' },
    });
    const first = await mailTo(email, /confirm/i);
    // A resent link replaces the first one.
    await run('ResendVerification', { email });
    const verification = await stack.members.inbox.waitFor(
      (mail) => mail !== first && mail.to.includes(email) && /confirm/i.test(mail.subject),
    );
    await run('VerifyEmail', { token: tokenFromMail(verification, '/verify-email') });
    const login = await run('Login', { email, password });
    const me = bearer(login.data.login.accessToken);
    const cookie = login.cookies.find((c) => c.startsWith('refresh_token='))?.split(';')[0];
    expect(cookie).toBeDefined();
    const author = await stack.member('web_author');
    const them = bearer(author.accessToken);

    expect((await run('Me', {}, me)).data.me.user.id).toBe(signUp.data.signUp.user.id);
    await run('UpdateProfile', { input: { displayName: 'Web User 2', greeting: 'hi' } }, me);
    await run('Follow', { userId: author.userId }, me);
    const post = (await run('CreatePost', { body: 'hello from production' }, them)).data.createPost;
    await run('LikePost', { postId: post.id }, me);
    await run('UnlikePost', { postId: post.id }, me);
    await run('LikePost', { postId: post.id }, me);
    await run('AddComment', { postId: post.id, body: 'nice' }, me);
    await deliverOutbox(stack, loadFeedConfig({}).feed);

    // The widest and deepest reads: feed → post → author and counts, across all three.
    const feed = (await run('Feed', { first: 20 }, me)).data.feed;
    expect(feed.edges.map((edge: { node: { post: unknown } }) => edge.node.post)).toEqual([
      expect.objectContaining({
        id: post.id,
        likeCount: 1,
        viewerHasLiked: true,
        commentCount: 1,
        author: expect.objectContaining({ handle: 'web_author' }),
      }),
    ]);
    const profile = (await run('Profile', { handle: 'web_author', first: 20 }, me)).data.user;
    expect([profile.viewerFollows, profile.posts.edges.length]).toEqual([true, 1]);
    const comments = (await run('Comments', { id: post.id, first: 20 }, me)).data.post;
    expect(comments.comments.edges[0].node.author.handle).toBe('web_user');
    const notifications = (await run('Notifications', { first: 20 }, them)).data.notifications;
    expect(notifications.edges.map((edge: { node: { kind: string } }) => edge.node.kind)).toEqual([
      'POST_COMMENTED',
      'POST_LIKED',
      'FOLLOWED',
    ]);
    expect((await run('UnreadNotificationCount', {}, them)).data.unreadNotificationCount).toBe(
      notifications.edges.length,
    );
    await run('MarkNotificationsRead', {}, them);
    await run('Unfollow', { userId: author.userId }, me);
    await run('DeletePost', { id: post.id }, them);

    // Settings: finding someone, sessions per device, moving to a new address.
    const found = (await run('SearchUsers', { query: 'web_auth', first: 5 })).data.searchUsers;
    expect(found.edges.map((edge: { node: { handle: string } }) => edge.node.handle)).toEqual([
      'web_author',
    ]);
    await run('Login', { email, password });
    const sessions = (await run('MySessions', {}, me)).data.mySessions as Array<{
      id: string;
      current: boolean;
    }>;
    expect(sessions.map((session) => session.current).sort()).toEqual([false, true]);
    const other = sessions.find((session) => !session.current);
    expect((await run('EndSession', { id: other?.id }, me)).data.endSession).toBe(true);
    const newEmail = 'web_user_2@example.test';
    await run('RequestEmailChange', { newEmail, password }, me);
    const change = await mailTo(newEmail, /new email/i);
    const moved = await run('ConfirmEmailChange', {
      token: tokenFromMail(change, '/confirm-email-change'),
    });
    expect(moved.data.confirmEmailChange.email).toBe(newEmail);

    const refreshed = await run('RefreshSession', {}, { cookie: cookie ?? '' });
    expect(refreshed.data.refreshToken.accessToken).toEqual(expect.any(String));
    await run('Logout', {}, bearer(refreshed.data.refreshToken.accessToken));
    await run('RequestPasswordReset', { email: newEmail });
    const reset = await mailTo(newEmail, /reset/i);
    const newPassword = 'another long password 2';
    await run('ResetPassword', { token: tokenFromMail(reset, '/reset-password'), newPassword });

    // And leaving: the account is gone, its sessions with it.
    const last = await run('Login', { email: newEmail, password: newPassword });
    await run('DeleteAccount', { password: newPassword }, bearer(last.data.login.accessToken));
    const after = await graphql(stack.url, {
      query: operations.get('Login') ?? '',
      variables: { email: newEmail, password: newPassword },
      operationName: 'Login',
    });
    expect(after.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    expect([...ran].sort()).toEqual([...operations.keys()].sort());
  });
});
