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

    const refreshed = await run('RefreshSession', {}, { cookie: cookie ?? '' });
    expect(refreshed.data.refreshToken.accessToken).toEqual(expect.any(String));
    await run('Logout', {}, bearer(refreshed.data.refreshToken.accessToken));
    await run('RequestPasswordReset', { email });
    const reset = await mailTo(email, /reset/i);
    await run('ResetPassword', {
      token: tokenFromMail(reset, '/reset-password'),
      newPassword: 'another long password 2',
    });

    expect([...ran].sort()).toEqual([...operations.keys()].sort());
  });
});
