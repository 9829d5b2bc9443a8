import { signUpAndLogin } from './harness';
import { LOGIN, SIGN_UP, data, fromAddress, graphql } from './helpers';
import { useMembers } from './use-members';

describe('members: rate limits', () => {
  const h = useMembers({ env: { AUTH_RATE_PER_ADDRESS: '10', LOGIN_MAX_FAILURES: '3' } });

  const aliasedLogins = (count: number) =>
    `mutation { ${Array.from({ length: count }, (_, i) => `l${i}: login(email: "x${i}@example.test", password: "some password") { accessToken }`).join(' ')} }`;

  it('counts 15 aliased logins in one document as 15 attempts, and resets with the window', async () => {
    const member = await signUpAndLogin(h);
    await h.resetRateLimits();
    const logins = Array.from(
      { length: 15 },
      (_, i) =>
        `l${i}: login(email: "${member.email}", password: "${member.password}") { accessToken }`,
    );
    const response = await graphql(h.url, {
      query: `mutation { ${logins.join(' ')} }`,
      headers: fromAddress('203.0.113.7'),
    });
    // Root mutation fields run in order and are non-null: the 11th is refused and ends the document.
    expect(response.body.data).toBeNull();
    expect(response.body.errors).toEqual([
      expect.objectContaining({
        path: ['l10'],
        extensions: { code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) },
      }),
    ]);
    const retryAfter = response.body.errors?.[0]?.extensions?.retryAfterSeconds;
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const [{ n }] = await h.orm.orm.em
      .getConnection()
      .execute('select count(*) as n from sessions');
    expect(Number(n)).toBe(1 + 10);
    // Another address has its own budget.
    const other = await graphql(h.url, {
      query: aliasedLogins(1),
      headers: fromAddress('203.0.113.8'),
    });
    expect(other.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await h.resetRateLimits();
    const after = await graphql(h.url, {
      query: aliasedLogins(1),
      headers: fromAddress('203.0.113.7'),
    });
    expect(after.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it.each([
    [
      'signUp',
      'mutation { signUp(input: { email: "bad", password: "x", handle: "x", displayName: "" }) { verificationEmailSent } }',
    ],
    ['refreshToken', 'mutation { refreshToken(refreshToken: "nope") { accessToken } }'],
    ['requestPasswordReset', 'mutation { requestPasswordReset(email: "nobody@example.test") }'],
    [
      'resetPassword',
      'mutation { resetPassword(token: "nope", newPassword: "a long enough passphrase") }',
    ],
    [
      'resendVerificationEmail',
      'mutation { resendVerificationEmail(email: "nobody@example.test") }',
    ],
  ])('limits %s per client address', async (_name, query) => {
    const headers = fromAddress('198.51.100.9');
    for (let i = 0; i < 10; i += 1) {
      const response = await graphql(h.url, { query, headers });
      expect(response.body.errors?.[0]?.extensions?.code).not.toBe('RATE_LIMITED');
    }
    const limited = await graphql(h.url, { query, headers });
    expect(limited.body.errors?.[0]?.extensions).toEqual({
      code: 'RATE_LIMITED',
      retryAfterSeconds: expect.any(Number),
    });
    await h.settle();
  });

  it('locks an account after LOGIN_MAX_FAILURES failed logins from any address, even for the right password', async () => {
    const member = await signUpAndLogin(h);
    for (let i = 0; i < 3; i += 1) {
      const wrong = await graphql(h.url, {
        query: LOGIN,
        variables: { email: member.email, password: 'wrong password!' },
        headers: fromAddress(`192.0.2.${i}`),
      });
      expect(wrong.body.errors?.[0]?.extensions?.reason).toBe('INVALID_CREDENTIALS');
    }
    const locked = await graphql(h.url, {
      query: LOGIN,
      variables: { email: member.email, password: member.password },
      headers: fromAddress('192.0.2.99'),
    });
    expect(locked.body.errors?.[0]?.extensions).toEqual({
      code: 'RATE_LIMITED',
      retryAfterSeconds: expect.any(Number),
    });
    expect(locked.body.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(60);
    await h.resetRateLimits();
    await data(h, { query: LOGIN, variables: { email: member.email, password: member.password } });
  });

  it("counts nothing against an account for logins its address's budget refused", async () => {
    const member = await signUpAndLogin(h);
    await h.resetRateLimits();
    const from = fromAddress('203.0.113.9');
    // The address's 10 logins go to an unknown account.
    for (let i = 0; i < 10; i += 1)
      await graphql(h.url, { query: aliasedLogins(1), headers: from });
    for (let i = 0; i < 3; i += 1) {
      const refused = await graphql(h.url, {
        query: LOGIN,
        variables: { email: member.email, password: 'wrong password!' },
        headers: from,
      });
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    }
    // Three refusals at the address, none of them guesses: the account is not locked.
    const elsewhere = await graphql(h.url, {
      query: LOGIN,
      variables: { email: member.email, password: member.password },
      headers: fromAddress('203.0.113.10'),
    });
    expect(elsewhere.body.errors).toBeUndefined();
  });

  it('clears the failure count on a successful login', async () => {
    const member = await signUpAndLogin(h);
    const attempt = (password: string) =>
      graphql(h.url, { query: LOGIN, variables: { email: member.email, password } });
    await attempt('wrong password!');
    await attempt('wrong password!');
    expect((await attempt(member.password)).body.errors).toBeUndefined();
    await attempt('wrong password!');
    await attempt('wrong password!');
    expect((await attempt(member.password)).body.errors).toBeUndefined();
  });

  it('treats an unknown email like a known one', async () => {
    for (let i = 0; i < 3; i += 1)
      await graphql(h.url, {
        query: LOGIN,
        variables: { email: 'ghost@example.test', password: 'whatever it is' },
      });
    const response = await graphql(h.url, {
      query: LOGIN,
      variables: { email: 'ghost@example.test', password: 'whatever it is' },
    });
    expect(response.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  });

  it('a burst of logins from one address leaves its sign-up budget alone', async () => {
    const headers = fromAddress('198.51.100.50');
    for (let i = 0; i < 10; i += 1) await graphql(h.url, { query: aliasedLogins(1), headers });
    const signUp = await graphql(h.url, {
      query: SIGN_UP,
      variables: {
        input: {
          email: 'fresh@example.test',
          password: 'a long enough passphrase',
          handle: 'fresh',
          displayName: 'Fresh',
        },
      },
      headers,
    });
    expect(signUp.body.errors).toBeUndefined();
  });
});
