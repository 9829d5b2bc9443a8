import { expectData, expectError } from '@social/testkit';
import { startStack, type TestStack } from './stack';

const LOGIN = `mutation($email: String!, $password: String!) {
  login(email: $email, password: $password) { accessToken refreshToken }
}`;
const SESSIONS = '{ mySessions { id device address current } }';
const END = 'mutation($id: ID!) { endSession(id: $id) }';
const FIREFOX_LINUX = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';

// Through the real gateway: it must pass the client's User-Agent and address on to members,
// and a session ended there must be refused by the gateway and every subgraph at once.
describe('sessions per device through the gateway', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack();
  });

  afterAll(() => stack.stop());

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it("lists the caller's sessions with the browser's device label, and ends one everywhere", async () => {
    const member = await stack.member();
    const laptop = await expectData(stack.url, {
      query: LOGIN,
      variables: { email: member.email, password: member.password },
      headers: { 'user-agent': FIREFOX_LINUX },
    });
    const sessions = await expectData(stack.url, {
      query: SESSIONS,
      headers: bearer(member.accessToken),
    });
    expect(sessions.mySessions).toHaveLength(2);
    expect(sessions.mySessions[0]).toMatchObject({
      device: 'Firefox on Linux',
      address: '127.0.0.0/24',
      current: false,
    });
    expect(sessions.mySessions[1]).toMatchObject({ current: true });
    const laptopId = sessions.mySessions[0].id;
    expect(
      await expectData(stack.url, {
        query: END,
        variables: { id: laptopId },
        headers: bearer(member.accessToken),
      }),
    ).toEqual({ endSession: true });
    for (const query of ['{ me { email } }', '{ unreadNotificationCount }']) {
      const refused = await expectError(stack.url, {
        query,
        headers: bearer(laptop.login.accessToken),
      });
      expect(refused.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'TOKEN_REVOKED' });
    }
    const stranger = await stack.member();
    const foreign = await expectError(stack.url, {
      query: END,
      variables: { id: laptopId },
      headers: bearer(stranger.accessToken),
    });
    expect(foreign.extensions).toEqual({ code: 'NOT_FOUND' });
  });
});
