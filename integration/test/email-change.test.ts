import { expectData, expectError, tokenFromMail } from '@social/testkit';
import { startStack, type TestStack } from './stack';

const REQUEST =
  'mutation($e: String!, $p: String!) { requestEmailChange(newEmail: $e, password: $p) }';
const CONFIRM = 'mutation($t: String!) { confirmEmailChange(token: $t) { email emailVerified } }';
const LOGIN = `mutation($email: String!, $password: String!) {
  login(email: $email, password: $password) { accessToken }
}`;

describe('email change through the gateway', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack();
  });

  afterAll(() => stack.stop());

  it('moves the account to the new address only when the mailed link is used', async () => {
    const member = await stack.member();
    const newEmail = `moved-${member.handle}@example.test`;
    expect(
      await expectData(stack.url, {
        query: REQUEST,
        variables: { e: newEmail, p: member.password },
        headers: { authorization: `Bearer ${member.accessToken}` },
      }),
    ).toEqual({ requestEmailChange: true });
    const inbox = stack.members.inbox;
    const link = await inbox.waitFor((m) => m.to.includes(newEmail));
    await inbox.waitFor((m) => m.to.includes(member.email) && /about to change/.test(m.subject));
    await expectData(stack.url, {
      query: LOGIN,
      variables: { email: member.email, password: member.password },
    });
    const confirmed = await expectData(stack.url, {
      query: CONFIRM,
      variables: { t: tokenFromMail(link, '/confirm-email-change') },
    });
    expect(confirmed.confirmEmailChange).toEqual({ email: newEmail, emailVerified: true });
    await expectData(stack.url, {
      query: LOGIN,
      variables: { email: newEmail, password: member.password },
    });
    const old = await expectError(stack.url, {
      query: LOGIN,
      variables: { email: member.email, password: member.password },
    });
    expect(old.extensions?.reason).toBe('INVALID_CREDENTIALS');
  });
});
