import { isSessionRevoked } from '@social/kit';
import { deviceLabel, networkOf } from '../src/session/client-info';
import { signUpAndLogin, type TestMember } from './harness';
import {
  LOGIN,
  ME,
  REFRESH,
  bearer,
  data,
  decodeJwt,
  failure,
  fromAddress,
  graphql,
  refreshCookie,
} from './helpers';
import { useMembers } from './use-members';

const SESSIONS = '{ mySessions { id createdAt lastUsedAt device address current } }';
const END = 'mutation($id: ID!) { endSession(id: $id) }';

const FIREFOX_LINUX = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
const CHROME_ANDROID =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';
const EDGE_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0';
const CHROME_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1';
const SAFARI_MAC =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15';

interface SessionRow {
  id: string;
  createdAt: string;
  lastUsedAt: string;
  device: string;
  address: string | null;
  current: boolean;
}

describe('members: sessions per device', () => {
  const h = useMembers();

  const sidOf = (token: string) => String(decodeJwt(token).payload.sid);
  const sessionsOf = async (accessToken: string): Promise<SessionRow[]> =>
    (await data(h, { query: SESSIONS, headers: bearer(accessToken) })).mySessions;
  const loginWith = async (m: TestMember, headers: Record<string, string>) =>
    (
      await data(h, {
        query: LOGIN,
        variables: { email: m.email, password: m.password },
        headers,
      })
    ).login as { accessToken: string; refreshToken: string };

  it('labels devices coarsely from the User-Agent', () => {
    expect(deviceLabel(FIREFOX_LINUX)).toBe('Firefox on Linux');
    expect(deviceLabel(CHROME_ANDROID)).toBe('Chrome on Android');
    expect(deviceLabel(SAFARI_IPHONE)).toBe('Safari on iPhone');
    expect(deviceLabel(CHROME_IPHONE)).toBe('Chrome on iPhone');
    expect(deviceLabel(EDGE_WINDOWS)).toBe('Edge on Windows');
    expect(deviceLabel(SAFARI_MAC)).toBe('Safari on macOS');
    expect(deviceLabel('curl/8.5.0')).toBe('Unknown device');
    expect(deviceLabel(undefined)).toBe('Unknown device');
  });

  it('keeps only the network of an address: IPv4 /24, IPv6 /48', () => {
    expect(networkOf('203.0.113.77')).toBe('203.0.113.0/24');
    expect(networkOf('2001:db8:abcd:12:1::7')).toBe('2001:db8:abcd::/48');
    expect(networkOf('2001:db8::1')).toBe('2001:db8:0::/48');
    expect(networkOf('unknown')).toBeNull();
  });

  it("lists the caller's live sessions newest first, with device, network and the current one", async () => {
    const member = await signUpAndLogin(h);
    h.clock.advance(5);
    const phone = await loginWith(member, {
      'user-agent': CHROME_ANDROID,
      ...fromAddress('198.51.100.23'),
    });
    h.clock.advance(5);
    const laptop = await loginWith(member, {
      'user-agent': FIREFOX_LINUX,
      ...fromAddress('2001:db8:abcd:12::99'),
    });
    const other = await signUpAndLogin(h);
    const sessions = await sessionsOf(phone.accessToken);
    expect(sessions.map((s) => s.id)).toEqual([
      sidOf(laptop.accessToken),
      sidOf(phone.accessToken),
      sidOf(member.accessToken),
    ]);
    expect(sessions[0]).toMatchObject({
      device: 'Firefox on Linux',
      address: '2001:db8:abcd::/48',
      current: false,
    });
    expect(sessions[1]).toMatchObject({
      device: 'Chrome on Android',
      address: '198.51.100.0/24',
      current: true,
    });
    expect(sessions[2]).toMatchObject({ device: 'Unknown device', current: false });
    expect(sessions.map((s) => s.id)).not.toContain(sidOf(other.accessToken));
    // Ended or expired sessions are not live.
    await data(h, {
      query: 'mutation($t: String) { logout(refreshToken: $t) }',
      variables: { t: laptop.refreshToken },
    });
    expect((await sessionsOf(phone.accessToken)).map((s) => s.id)).toEqual([
      sidOf(phone.accessToken),
      sidOf(member.accessToken),
    ]);
  });

  it('updates lastUsedAt, device and network on refresh, not on each use of the access token', async () => {
    const member = await signUpAndLogin(h);
    const login = await loginWith(member, {
      'user-agent': FIREFOX_LINUX,
      ...fromAddress('203.0.113.5'),
    });
    const before = (await sessionsOf(login.accessToken)).find((s) => s.current);
    h.clock.advance(60);
    await data(h, { query: ME, headers: bearer(login.accessToken) });
    expect((await sessionsOf(login.accessToken)).find((s) => s.current)).toEqual(before);
    const refreshed = await data(h, {
      query: REFRESH,
      variables: { token: login.refreshToken },
      headers: { 'user-agent': SAFARI_IPHONE, ...fromAddress('192.0.2.200') },
    });
    const after = (await sessionsOf(refreshed.refreshToken.accessToken)).find((s) => s.current);
    expect(after).toMatchObject({
      id: before?.id,
      createdAt: before?.createdAt,
      device: 'Safari on iPhone',
      address: '192.0.2.0/24',
    });
    const lastUsed = (row?: SessionRow) => new Date(row?.lastUsedAt ?? 0).getTime();
    expect(lastUsed(after) - lastUsed(before)).toBeGreaterThanOrEqual(60_000);
  });

  it('endSession ends another session: its access token is refused at once and its refresh token is dead', async () => {
    const member = await signUpAndLogin(h);
    const other = await loginWith(member, { 'user-agent': CHROME_ANDROID });
    expect(
      await data(h, {
        query: END,
        variables: { id: sidOf(other.accessToken) },
        headers: bearer(member.accessToken),
      }),
    ).toEqual({ endSession: true });
    expect(await isSessionRevoked(h.redis, sidOf(other.accessToken))).toBe(true);
    const me = await failure(h, { query: ME, headers: bearer(other.accessToken) });
    expect(me.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'TOKEN_REVOKED' });
    const refresh = await failure(h, { query: REFRESH, variables: { token: other.refreshToken } });
    expect(refresh.extensions).toEqual({
      code: 'UNAUTHENTICATED',
      reason: 'REFRESH_TOKEN_INVALID',
    });
    // The caller's own session goes on.
    await data(h, { query: ME, headers: bearer(member.accessToken) });
    expect((await sessionsOf(member.accessToken)).map((s) => s.id)).toEqual([
      sidOf(member.accessToken),
    ]);
  });

  it("endSession of one's own session is a logout, cookie included", async () => {
    const member = await signUpAndLogin(h);
    const response = await graphql(h.url, {
      query: END,
      variables: { id: sidOf(member.accessToken) },
      headers: bearer(member.accessToken),
    });
    expect(response.body).toEqual({ data: { endSession: true } });
    expect(refreshCookie(response).attrs.get('max-age')).toBe('0');
    const me = await failure(h, { query: ME, headers: bearer(member.accessToken) });
    expect(me.extensions?.reason).toBe('TOKEN_REVOKED');
  });

  it("another member's session, an unknown, an ended or a malformed id: the same NOT_FOUND", async () => {
    const member = await signUpAndLogin(h);
    const stranger = await signUpAndLogin(h);
    const ended = await loginWith(member, {});
    await data(h, {
      query: END,
      variables: { id: sidOf(ended.accessToken) },
      headers: bearer(member.accessToken),
    });
    const answers = [];
    for (const id of [
      sidOf(stranger.accessToken),
      '01900000-0000-7000-8000-000000000000',
      sidOf(ended.accessToken),
      'not-an-id',
    ]) {
      const error = await failure(h, {
        query: END,
        variables: { id },
        headers: bearer(member.accessToken),
      });
      answers.push({ message: error.message, extensions: error.extensions });
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]?.extensions).toEqual({ code: 'NOT_FOUND' });
    // The stranger's session was not touched.
    expect(await isSessionRevoked(h.redis, sidOf(stranger.accessToken))).toBe(false);
    await data(h, { query: ME, headers: bearer(stranger.accessToken) });
  });

  it('mySessions and endSession need a valid access token', async () => {
    const member = await signUpAndLogin(h);
    const list = await failure(h, { query: SESSIONS });
    expect(list.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'TOKEN_MISSING' });
    const end = await failure(h, { query: END, variables: { id: sidOf(member.accessToken) } });
    expect(end.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'TOKEN_MISSING' });
    expect(await isSessionRevoked(h.redis, sidOf(member.accessToken))).toBe(false);
  });
});
