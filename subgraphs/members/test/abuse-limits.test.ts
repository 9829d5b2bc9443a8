import { Writable } from 'node:stream';
import { tokenFromMail } from '@social/testkit';
import pino from 'pino';
import { loadConfig } from '../src/config';
import { signUpAndLogin } from './harness';
import { LOGIN, SIGN_UP, VERIFY, data, fromAddress, graphql } from './helpers';
import { useMembers } from './use-members';

const RESET = 'mutation($e: String!) { requestPasswordReset(email: $e) }';
const RESEND = 'mutation($e: String!) { resendVerificationEmail(email: $e) }';

const signUpInput = (handle: string) => ({
  email: `${handle}@example.test`,
  password: 'correct horse battery staple',
  handle,
  displayName: `Member ${handle}`,
});

describe('members: mails per recipient', () => {
  const h = useMembers({ env: { MAIL_PER_RECIPIENT_PER_HOUR: '5' } });

  it('sends one address at most five verification and reset mails an hour, whoever asks', async () => {
    const input = signUpInput('mailbombed');
    await data(h, { query: SIGN_UP, variables: { input } });
    await h.inbox.waitFor((mail) => mail.to.includes(input.email));
    // Seven requests from seven client addresses: the per-address limit never applies.
    for (let i = 0; i < 7; i += 1) {
      const response = await graphql(h.url, {
        query: i % 2 === 0 ? RESEND : RESET,
        variables: { e: input.email },
        headers: fromAddress(`198.51.100.${10 + i}`),
      });
      // The answer is the same either way: it must not say that the budget is spent.
      expect(response.body.errors).toBeUndefined();
    }
    await h.settle();
    // The sign-up's own mail, then five.
    expect(h.inbox.to(input.email)).toHaveLength(1 + 5);

    const other = await signUpAndLogin(h);
    const before = h.inbox.to(other.email).length;
    await data(h, { query: RESET, variables: { e: other.email } });
    await h.settle();
    expect(h.inbox.to(other.email)).toHaveLength(before + 1);

    // A new window gives the first address its budget back.
    await h.resetRateLimits();
    await data(h, { query: RESET, variables: { e: input.email } });
    await h.settle();
    expect(h.inbox.to(input.email)).toHaveLength(1 + 5 + 1);
  });
});

describe('members: the argon2 queue is bounded', () => {
  // One hash at a time and one waiter: a burst of logins is shed, not queued without end.
  const h = useMembers({ env: { ARGON2_CONCURRENCY: '1', ARGON2_MAX_QUEUED: '1' } });

  it('sheds logins beyond the queue with RATE_LIMITED and a retry-after, and serves the rest', async () => {
    const member = await signUpAndLogin(h);
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        graphql(h.url, {
          query: LOGIN,
          variables: { email: member.email, password: member.password },
          headers: fromAddress(`203.0.113.${20 + i}`),
        }),
      ),
    );
    const served = responses.filter((response) => response.body.data?.login?.accessToken);
    const shed = responses.filter(
      (response) => response.body.errors?.[0]?.extensions?.code === 'RATE_LIMITED',
    );
    expect(served.length + shed.length).toBe(8);
    expect(served.length).toBeGreaterThanOrEqual(1);
    expect(shed.length).toBeGreaterThanOrEqual(1);
    for (const response of shed)
      expect(response.body.errors?.[0]).toMatchObject({
        message: 'The service is busy; try again in a moment',
        extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 1 },
      });
    // The queue drains: the next login, alone, is served.
    const after = await data(h, {
      query: LOGIN,
      variables: { email: member.email, password: member.password },
    });
    expect(after.login.accessToken).toEqual(expect.any(String));
  });
});

describe('members: mail in production', () => {
  const lines: string[] = [];
  const logger = pino(
    { level: 'trace' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    }),
  );
  const h = useMembers({ env: { NODE_ENV: 'production' }, logger });

  it('refuses to start without SMTP_URL, in one line that names it', () => {
    expect(() =>
      loadConfig({ NODE_ENV: 'production', GATEWAY_SECRET: 'x'.repeat(32), SMTP_URL: '' }),
    ).toThrow(
      /^Invalid environment:\n {2}SMTP_URL: is required when NODE_ENV=production \(the dev mailbox is for development only\)$/,
    );
    expect(() => loadConfig({ NODE_ENV: 'development', SMTP_URL: '' })).not.toThrow();
  });

  it('never logs a mailed link or token, at any level', async () => {
    const input = signUpInput('quietlogs');
    await data(h, { query: SIGN_UP, variables: { input } });
    const verification = await h.inbox.waitFor((mail) => mail.to.includes(input.email));
    const verifyToken = tokenFromMail(verification, '/verify-email');
    await data(h, { query: RESEND, variables: { e: input.email } });
    await data(h, { query: RESET, variables: { e: input.email } });
    await h.settle();
    const tokens = h.inbox
      .to(input.email)
      .map((mail) =>
        tokenFromMail(mail, /reset/i.test(mail.subject) ? '/reset-password' : '/verify-email'),
      );
    expect(tokens).toHaveLength(3);
    await data(h, { query: VERIFY, variables: { token: tokens[1] } });
    // Members and its mailer log here (every level), so a line with a link would be seen.
    expect(h.server.members.logger).toBe(logger);
    const logged = lines.join('');
    for (const token of [verifyToken, ...tokens]) expect(logged).not.toContain(token);
    expect(logged).not.toMatch(/verify-email\?|reset-password\?/);
  });
});
