import { isSessionRevoked } from '@social/kit';
import { tokenFromMail } from '@social/testkit';
import { DEFAULT_PASSWORD, signUpAndLogin, type TestMember } from './harness';
import { LOGIN, ME, REFRESH, bearer, data, decodeJwt, failure } from './helpers';
import { useMembers } from './use-members';

const CHANGE =
  'mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }';
const REQUEST = 'mutation($e: String!) { requestPasswordReset(email: $e) }';
const RESET = 'mutation($t: String!, $n: String!) { resetPassword(token: $t, newPassword: $n) }';
const NEW_PASSWORD = 'a brand new passphrase';

describe('members: password change and reset', () => {
  const h = useMembers();

  const sidOf = (token: string) => String(decodeJwt(token).payload.sid);
  const loginAgain = async (m: TestMember) =>
    (await data(h, { query: LOGIN, variables: { email: m.email, password: m.password } })).login;
  async function resetToken(m: TestMember): Promise<string> {
    await data(h, { query: REQUEST, variables: { e: m.email } });
    await h.settle();
    const mail = await h.inbox.waitFor((x) => x.to.includes(m.email) && /reset/i.test(x.subject));
    return tokenFromMail(mail, '/reset-password');
  }

  it('changePassword ends every other session but not the current one', async () => {
    const member = await signUpAndLogin(h);
    const other = await loginAgain(member);
    expect(
      await data(h, {
        query: CHANGE,
        variables: { c: member.password, n: NEW_PASSWORD },
        headers: bearer(member.accessToken),
      }),
    ).toEqual({
      changePassword: true,
    });
    await data(h, { query: ME, headers: bearer(member.accessToken) });
    await data(h, { query: REFRESH, variables: { token: member.refreshToken } });
    expect(await isSessionRevoked(h.redis, sidOf(other.accessToken))).toBe(true);
    const otherMe = await failure(h, { query: ME, headers: bearer(other.accessToken) });
    expect(otherMe.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'TOKEN_REVOKED' });
    const old = await failure(h, {
      query: LOGIN,
      variables: { email: member.email, password: member.password },
    });
    expect(old.extensions?.reason).toBe('INVALID_CREDENTIALS');
    await data(h, { query: LOGIN, variables: { email: member.email, password: NEW_PASSWORD } });
  });

  it('changePassword refuses a wrong current password and a weak new one with BAD_USER_INPUT', async () => {
    const member = await signUpAndLogin(h);
    const wrong = await failure(h, {
      query: CHANGE,
      variables: { c: 'not my password', n: NEW_PASSWORD },
      headers: bearer(member.accessToken),
    });
    expect(wrong.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'currentPassword', message: 'is incorrect' }],
    });
    const weak = await failure(h, {
      query: CHANGE,
      variables: { c: member.password, n: 'Password123!' },
      headers: bearer(member.accessToken),
    });
    expect(weak.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [
        { field: 'newPassword', message: 'is too easy to guess; choose a less common password' },
      ],
    });
    const anonymous = await failure(h, {
      query: CHANGE,
      variables: { c: member.password, n: NEW_PASSWORD },
    });
    expect(anonymous.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'TOKEN_MISSING' });
  });

  it('requestPasswordReset answers true for an unknown email and sends nothing', async () => {
    expect(await data(h, { query: REQUEST, variables: { e: 'nobody@example.test' } })).toEqual({
      requestPasswordReset: true,
    });
    await h.settle();
    expect(h.inbox.messages).toEqual([]);
  });

  it('mails a reset link in text and HTML', async () => {
    const member = await signUpAndLogin(h);
    h.inbox.clear();
    expect(await data(h, { query: REQUEST, variables: { e: member.email.toUpperCase() } })).toEqual(
      { requestPasswordReset: true },
    );
    await h.settle();
    expect(h.inbox.messages).toHaveLength(1);
    const mail = h.inbox.messages[0];
    if (!mail) throw new Error('no mail');
    expect(mail.to).toEqual([member.email]);
    expect(mail.subject).toBe('Reset your password');
    const token = tokenFromMail(mail, '/reset-password');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(mail.text).toContain(`http://localhost:4000/reset-password?token=${token}`);
    expect(mail.html).toContain(`href="http://localhost:4000/reset-password?token=${token}"`);
  });

  it('resetPassword sets the new password, works once, and ends every session', async () => {
    const member = await signUpAndLogin(h);
    const other = await loginAgain(member);
    const token = await resetToken(member);
    expect(await data(h, { query: RESET, variables: { t: token, n: NEW_PASSWORD } })).toEqual({
      resetPassword: true,
    });
    for (const accessToken of [member.accessToken, other.accessToken]) {
      expect(await isSessionRevoked(h.redis, sidOf(accessToken))).toBe(true);
    }
    const refresh = await failure(h, { query: REFRESH, variables: { token: member.refreshToken } });
    expect(refresh.extensions?.reason).toBe('REFRESH_TOKEN_INVALID');
    await data(h, { query: LOGIN, variables: { email: member.email, password: NEW_PASSWORD } });
    const again = await failure(h, {
      query: RESET,
      variables: { t: token, n: 'yet another passphrase' },
    });
    expect(again.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'token', message: 'is invalid, expired or already used' }],
    });
  });

  it('a weak new password does not use up the reset token', async () => {
    const member = await signUpAndLogin(h);
    const token = await resetToken(member);
    const weak = await failure(h, { query: RESET, variables: { t: token, n: 'short' } });
    expect(weak.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'newPassword', message: 'must be at least 10 characters' }],
    });
    expect(await data(h, { query: RESET, variables: { t: token, n: NEW_PASSWORD } })).toEqual({
      resetPassword: true,
    });
  });

  it('a reset token expires after an hour, and a new request replaces the old token', async () => {
    const member = await signUpAndLogin(h);
    const first = await resetToken(member);
    h.inbox.clear();
    const second = await resetToken(member);
    const replaced = await failure(h, { query: RESET, variables: { t: first, n: NEW_PASSWORD } });
    expect(replaced.extensions?.fields).toEqual([
      { field: 'token', message: 'is invalid, expired or already used' },
    ]);
    h.clock.advance(3601);
    const expired = await failure(h, { query: RESET, variables: { t: second, n: NEW_PASSWORD } });
    expect(expired.extensions?.fields).toEqual([
      { field: 'token', message: 'is invalid, expired or already used' },
    ]);
    await data(h, { query: LOGIN, variables: { email: member.email, password: DEFAULT_PASSWORD } });
  });

  it('16 concurrent resets with one token: exactly one succeeds', async () => {
    const member = await signUpAndLogin(h);
    const token = await resetToken(member);
    const results = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        data(h, { query: RESET, variables: { t: token, n: `${NEW_PASSWORD} ${i}` } }).then(
          () => i,
          () => -1,
        ),
      ),
    );
    const winners = results.filter((i) => i >= 0);
    expect(winners).toHaveLength(1);
    await data(h, {
      query: LOGIN,
      variables: { email: member.email, password: `${NEW_PASSWORD} ${winners[0]}` },
    });
  });
});
