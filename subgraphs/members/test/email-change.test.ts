import { tokenFromMail, type ReceivedMail } from '@social/testkit';
import { signUpAndLogin, type TestMember } from './harness';
import { LOGIN, ME, bearer, data, failure, fromAddress } from './helpers';
import { useMembers } from './use-members';

const REQUEST =
  'mutation($e: String!, $p: String!) { requestEmailChange(newEmail: $e, password: $p) }';
const CONFIRM =
  'mutation($t: String!) { confirmEmailChange(token: $t) { email emailVerified user { id } } }';
const INVALID_TOKEN = {
  code: 'BAD_USER_INPUT',
  fields: [{ field: 'token', message: 'is invalid, expired or already used' }],
};

describe('members: email change', () => {
  const h = useMembers({ env: { MAIL_PER_RECIPIENT_PER_HOUR: '3' } });

  const request = (m: TestMember, newEmail: string, password = m.password) =>
    data(h, {
      query: REQUEST,
      variables: { e: newEmail, p: password },
      headers: bearer(m.accessToken),
    });
  const requestFails = (m: TestMember, newEmail: string, password = m.password) =>
    failure(h, {
      query: REQUEST,
      variables: { e: newEmail, p: password },
      headers: bearer(m.accessToken),
    });
  const linkMailTo = (address: string): Promise<ReceivedMail> =>
    h.inbox.waitFor((m) => m.to.includes(address) && /new email/i.test(m.subject));

  it('mails a link to the new address and a notice to the old; the email changes only when the link is used', async () => {
    const member = await signUpAndLogin(h);
    h.inbox.clear();
    expect(await request(member, ' New.Address@Example.TEST ')).toEqual({
      requestEmailChange: true,
    });
    const link = await linkMailTo('new.address@example.test');
    const token = tokenFromMail(link, '/confirm-email-change');
    expect(link.text).toContain(`http://localhost:4000/confirm-email-change?token=${token}`);
    expect(link.html).toContain(`href="http://localhost:4000/confirm-email-change?token=${token}"`);
    const notice = await h.inbox.waitFor((m) => m.to.includes(member.email));
    expect(notice.subject).toBe('Your email address is about to change');
    expect(notice.text).toContain('new.address@example.test');
    expect(notice.text).not.toContain(token);
    expect(notice.text).not.toMatch(/https?:\/\//);
    expect(h.inbox.messages).toHaveLength(2);
    // Nothing changed yet: the old address still logs in, the new one does not.
    expect((await data(h, { query: ME, headers: bearer(member.accessToken) })).me.email).toBe(
      member.email,
    );
    const confirmed = await data(h, { query: CONFIRM, variables: { t: token } });
    expect(confirmed.confirmEmailChange).toEqual({
      email: 'new.address@example.test',
      emailVerified: true,
      user: { id: member.userId },
    });
    const old = await failure(h, {
      query: LOGIN,
      variables: { email: member.email, password: member.password },
    });
    expect(old.extensions?.reason).toBe('INVALID_CREDENTIALS');
    await data(h, {
      query: LOGIN,
      variables: { email: 'new.address@example.test', password: member.password },
    });
    // Other sessions stay; the link works once.
    await data(h, { query: ME, headers: bearer(member.accessToken) });
    expect((await failure(h, { query: CONFIRM, variables: { t: token } })).extensions).toEqual(
      INVALID_TOKEN,
    );
  });

  it('refuses a wrong password and an invalid address with BAD_USER_INPUT, sending nothing', async () => {
    const member = await signUpAndLogin(h);
    h.inbox.clear();
    const wrong = await requestFails(member, 'new@example.test', 'not my password');
    expect(wrong.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'password', message: 'is incorrect' }],
    });
    const invalid = await requestFails(member, 'not an address');
    expect(invalid.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'newEmail', message: 'must be a valid email address' }],
    });
    const same = await requestFails(member, member.email.toUpperCase());
    expect(same.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'newEmail', message: 'is already your email address' }],
    });
    await h.settle();
    expect(h.inbox.messages).toEqual([]);
  });

  it('wrong passwords count against the failed-login limit of the account', async () => {
    const member = await signUpAndLogin(h);
    h.config.limits.loginMaxFailures = 2;
    await requestFails(member, 'new@example.test', 'guess one');
    await requestFails(member, 'new@example.test', 'guess two');
    const limited = await requestFails(member, 'new@example.test', member.password);
    expect(limited.extensions?.code).toBe('RATE_LIMITED');
  });

  it('an address already taken is EMAIL_TAKEN when asked', async () => {
    const member = await signUpAndLogin(h);
    const other = await signUpAndLogin(h);
    const taken = await requestFails(member, other.email);
    expect(taken.extensions).toEqual({ code: 'CONFLICT', reason: 'EMAIL_TAKEN' });
  });

  it('an address taken between the request and the link is EMAIL_TAKEN, and nothing changes', async () => {
    const member = await signUpAndLogin(h);
    await request(member, 'wanted@example.test');
    const token = tokenFromMail(await linkMailTo('wanted@example.test'), '/confirm-email-change');
    await signUpAndLogin(h, { email: 'wanted@example.test' });
    const taken = await failure(h, { query: CONFIRM, variables: { t: token } });
    expect(taken.extensions).toEqual({ code: 'CONFLICT', reason: 'EMAIL_TAKEN' });
    expect((await data(h, { query: ME, headers: bearer(member.accessToken) })).me.email).toBe(
      member.email,
    );
  });

  it('the link expires after EMAIL_VERIFICATION_TTL, and a new request replaces the old link', async () => {
    const member = await signUpAndLogin(h);
    await request(member, 'first@example.test');
    const first = tokenFromMail(await linkMailTo('first@example.test'), '/confirm-email-change');
    await request(member, 'second@example.test');
    const second = tokenFromMail(await linkMailTo('second@example.test'), '/confirm-email-change');
    expect((await failure(h, { query: CONFIRM, variables: { t: first } })).extensions).toEqual(
      INVALID_TOKEN,
    );
    h.clock.advance(24 * 3600 + 1);
    expect((await failure(h, { query: CONFIRM, variables: { t: second } })).extensions).toEqual(
      INVALID_TOKEN,
    );
    const [row] = await h.orm.orm.em
      .getConnection()
      .execute('select email from users where id = ?', [member.userId]);
    expect(row.email).toBe(member.email);
  });

  it('a verification or reset token is no email-change token', async () => {
    const member = await signUpAndLogin(h);
    await data(h, {
      query: 'mutation($e: String!) { requestPasswordReset(email: $e) }',
      variables: { e: member.email },
    });
    await h.settle();
    const reset = tokenFromMail(
      await h.inbox.waitFor((m) => /reset/i.test(m.subject)),
      '/reset-password',
    );
    expect((await failure(h, { query: CONFIRM, variables: { t: reset } })).extensions).toEqual(
      INVALID_TOKEN,
    );
    expect((await failure(h, { query: CONFIRM, variables: { t: 'garbage' } })).extensions).toEqual(
      INVALID_TOKEN,
    );
  });

  it('needs a login', async () => {
    const error = await failure(h, {
      query: REQUEST,
      variables: { e: 'new@example.test', p: 'whatever password' },
    });
    expect(error.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'TOKEN_MISSING' });
  });

  it('the new address gets at most MAIL_PER_RECIPIENT_PER_HOUR links, whoever asks', async () => {
    const first = await signUpAndLogin(h);
    const second = await signUpAndLogin(h);
    await request(first, 'popular@example.test');
    await request(second, 'popular@example.test');
    await request(first, 'popular@example.test');
    const limited = await requestFails(second, 'popular@example.test');
    expect(limited.extensions).toEqual({
      code: 'RATE_LIMITED',
      retryAfterSeconds: expect.any(Number),
    });
    expect(h.inbox.messages.filter((m) => m.to.includes('popular@example.test'))).toHaveLength(3);
  });

  it('is rate limited per client address like the other auth mutations', async () => {
    const member = await signUpAndLogin(h);
    h.config.limits.authRatePerAddress = 2;
    const headers = { ...bearer(member.accessToken), ...fromAddress('203.0.113.40') };
    const ask = (t: string) => failure(h, { query: CONFIRM, variables: { t }, headers });
    expect((await ask('a')).extensions?.code).toBe('BAD_USER_INPUT');
    expect((await ask('b')).extensions?.code).toBe('BAD_USER_INPUT');
    expect((await ask('c')).extensions?.code).toBe('RATE_LIMITED');
    const requests = (n: number) =>
      failure(h, { query: REQUEST, variables: { e: `x${n}`, p: 'x' }, headers });
    expect((await requests(1)).extensions?.code).toBe('BAD_USER_INPUT');
    expect((await requests(2)).extensions?.code).toBe('BAD_USER_INPUT');
    expect((await requests(3)).extensions?.code).toBe('RATE_LIMITED');
  });
});
