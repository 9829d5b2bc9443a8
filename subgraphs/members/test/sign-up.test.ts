import { tokenFromMail } from '@social/testkit';
import { DEFAULT_PASSWORD } from './harness';
import { LOGIN, SIGN_UP, VERIFY, data, failure } from './helpers';
import { useMembers } from './use-members';

const RESEND = 'mutation($e: String!) { resendVerificationEmail(email: $e) }';

describe('members: sign-up and email verification', () => {
  const h = useMembers();

  const input = (overrides: Record<string, string> = {}) => ({
    email: 'Ada.Lovelace@Example.test',
    password: DEFAULT_PASSWORD,
    handle: 'Ada_L',
    displayName: '  Ada Lovelace ',
    ...overrides,
  });
  const signUp = (overrides?: Record<string, string>) =>
    data(h, { query: SIGN_UP, variables: { input: input(overrides) } });
  const verificationMail = () => h.inbox.waitFor((m) => m.to.includes('ada.lovelace@example.test'));

  it('creates the member with normalised fields, a default greeting and avatar, and mails a link', async () => {
    const result = await signUp();
    const { user } = result.signUp;
    expect(result.signUp.verificationEmailSent).toBe(true);
    expect(user).toEqual({
      id: expect.stringMatching(
        /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      ),
      handle: 'ada_l',
      displayName: 'Ada Lovelace',
      greeting: "Hi, I'm Ada Lovelace!",
      avatarUrl: `http://localhost:4000/avatars/${user.id}.svg`,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
    const mail = await verificationMail();
    expect(mail.subject).toBe('Confirm your email address');
    const token = tokenFromMail(mail, '/verify-email');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(mail.text).toContain(`http://localhost:4000/verify-email?token=${token}`);
    expect(mail.html).toContain(`href="http://localhost:4000/verify-email?token=${token}"`);
    expect(mail.html).toContain('Hi Ada Lovelace,');
    const rows = await h.orm.orm.em
      .getConnection()
      .execute('select token_hash from one_time_tokens');
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).not.toContain(token);
  });

  it('verifies the email once: the used link fails', async () => {
    const created = await signUp();
    const token = tokenFromMail(await verificationMail(), '/verify-email');
    const first = await data(h, { query: VERIFY, variables: { token } });
    expect(first.verifyEmail).toEqual({
      email: 'ada.lovelace@example.test',
      emailVerified: true,
      user: { id: created.signUp.user.id },
    });
    const again = await failure(h, { query: VERIFY, variables: { token } });
    expect(again.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'token', message: 'is invalid, expired or already used' }],
    });
    await data(h, {
      query: LOGIN,
      variables: { email: 'ada.lovelace@example.test', password: DEFAULT_PASSWORD },
    });
  });

  it('16 concurrent uses of one link: exactly one succeeds', async () => {
    await signUp();
    const token = tokenFromMail(await verificationMail(), '/verify-email');
    const results = await Promise.allSettled(
      Array.from({ length: 16 }, () => data(h, { query: VERIFY, variables: { token } })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('a verification link expires after 24 hours', async () => {
    await signUp();
    const token = tokenFromMail(await verificationMail(), '/verify-email');
    h.clock.advance(24 * 3600 + 1);
    const error = await failure(h, { query: VERIFY, variables: { token } });
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('resending replaces the old link with a new one', async () => {
    await signUp();
    const old = tokenFromMail(await verificationMail(), '/verify-email');
    h.inbox.clear();
    expect(await data(h, { query: RESEND, variables: { e: 'ADA.LOVELACE@example.test' } })).toEqual(
      { resendVerificationEmail: true },
    );
    await h.settle();
    const fresh = tokenFromMail(await verificationMail(), '/verify-email');
    expect(fresh).not.toBe(old);
    expect((await failure(h, { query: VERIFY, variables: { token: old } })).extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
    await data(h, { query: VERIFY, variables: { token: fresh } });
  });

  it('resendVerificationEmail answers true and sends nothing for an unknown or already verified email', async () => {
    expect(await data(h, { query: RESEND, variables: { e: 'nobody@example.test' } })).toEqual({
      resendVerificationEmail: true,
    });
    await signUp();
    await data(h, {
      query: VERIFY,
      variables: { token: tokenFromMail(await verificationMail(), '/verify-email') },
    });
    h.inbox.clear();
    expect(await data(h, { query: RESEND, variables: { e: 'ada.lovelace@example.test' } })).toEqual(
      { resendVerificationEmail: true },
    );
    await h.settle();
    expect(h.inbox.messages).toEqual([]);
  });

  it('keeps the account when the mail server fails, and resend delivers later', async () => {
    jest
      .spyOn(h.server.members.mailer, 'send')
      .mockRejectedValueOnce(new Error('connect ECONNREFUSED 127.0.0.1:25'));
    const result = await signUp();
    expect(result.signUp.verificationEmailSent).toBe(false);
    await data(h, { query: RESEND, variables: { e: 'ada.lovelace@example.test' } });
    await h.settle();
    await data(h, {
      query: VERIFY,
      variables: { token: tokenFromMail(await verificationMail(), '/verify-email') },
    });
  });

  it('reports every invalid field at once with BAD_USER_INPUT', async () => {
    const error = await failure(h, {
      query: SIGN_UP,
      variables: {
        input: { email: 'not-an-email', password: 'short', handle: 'a!', displayName: '   ' },
      },
    });
    expect(error.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [
        { field: 'email', message: 'must be a valid email address' },
        { field: 'handle', message: 'must be 3 to 30 characters of a-z, 0-9 and _' },
        { field: 'displayName', message: 'must be 1 to 50 characters' },
        { field: 'password', message: 'must be at least 10 characters' },
      ],
    });
    const [{ n }] = await h.orm.orm.em.getConnection().execute('select count(*) as n from users');
    expect(Number(n)).toBe(0);
  });

  it.each([
    ['a listed password', '1234567890'],
    ['a listed word dressed up', 'Sunshine2024!'],
    ['the handle itself', 'ada_l_2024!!'],
    ['three characters repeated', 'abcabcabcabc'],
  ])('refuses %s as too common', async (_name, password) => {
    const error = await failure(h, { query: SIGN_UP, variables: { input: input({ password }) } });
    expect(error.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [
        { field: 'password', message: 'is too easy to guess; choose a less common password' },
      ],
    });
  });

  it.each([
    ['a handle longer than 30', { handle: 'a'.repeat(31) }, 'handle'],
    ['a display name longer than 50', { displayName: 'x'.repeat(51) }, 'displayName'],
    ['an email without a domain', { email: 'ada@' }, 'email'],
  ])('refuses %s', async (_name, overrides, field) => {
    const error = await failure(h, { query: SIGN_UP, variables: { input: input(overrides) } });
    expect(error.extensions?.fields).toEqual([{ field, message: expect.any(String) }]);
  });

  it('answers CONFLICT EMAIL_TAKEN and HANDLE_TAKEN whatever the case', async () => {
    await signUp();
    const email = await failure(h, {
      query: SIGN_UP,
      variables: { input: input({ email: 'ADA.lovelace@example.TEST', handle: 'other' }) },
    });
    expect(email.extensions).toEqual({ code: 'CONFLICT', reason: 'EMAIL_TAKEN' });
    const handle = await failure(h, {
      query: SIGN_UP,
      variables: { input: input({ email: 'other@example.test', handle: 'ADA_L' }) },
    });
    expect(handle.extensions).toEqual({ code: 'CONFLICT', reason: 'HANDLE_TAKEN' });
  });

  it('lets only one of two racing sign-ups for one handle through; the other is a CONFLICT', async () => {
    const results = await Promise.allSettled(
      ['one@example.test', 'two@example.test'].map((email) =>
        data(h, { query: SIGN_UP, variables: { input: input({ email }) } }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(String(rejected.reason)).toContain('"reason": "HANDLE_TAKEN"');
  });
});
