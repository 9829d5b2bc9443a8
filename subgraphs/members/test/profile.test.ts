import { signUpAndLogin, type TestMember } from './harness';
import { ME, bearer, data, failure } from './helpers';
import { useMembers } from './use-members';

const UPDATE = `mutation($input: UpdateProfileInput!) {
  updateProfile(input: $input) { id handle displayName greeting avatarUrl }
}`;

describe('members: profiles and avatars', () => {
  const h = useMembers();
  let member: TestMember;

  beforeEach(async () => {
    member = await signUpAndLogin(h, { handle: 'linus', displayName: 'Linus' });
  });

  const update = (input: Record<string, unknown>) => ({
    query: UPDATE,
    variables: { input },
    headers: bearer(member.accessToken),
  });

  it('updates the given fields and leaves the others', async () => {
    const result = await data(
      h,
      update({
        displayName: '  Linus T. ',
        greeting: 'Just for fun.',
        avatarUrl: 'https://cdn.example.test/l.png',
      }),
    );
    expect(result.updateProfile).toEqual({
      id: member.userId,
      handle: 'linus',
      displayName: 'Linus T.',
      greeting: 'Just for fun.',
      avatarUrl: 'https://cdn.example.test/l.png',
    });
    const partial = await data(h, update({ greeting: '' }));
    expect(partial.updateProfile).toMatchObject({
      displayName: 'Linus T.',
      greeting: '',
      avatarUrl: 'https://cdn.example.test/l.png',
    });
    const me = await data(h, { query: ME, headers: bearer(member.accessToken) });
    expect(me.me.user).toEqual(partial.updateProfile);
  });

  it('restores the default avatar when avatarUrl is null', async () => {
    await data(h, update({ avatarUrl: 'https://cdn.example.test/l.png' }));
    const result = await data(h, update({ avatarUrl: null }));
    expect(result.updateProfile.avatarUrl).toBe(
      `http://localhost:4000/avatars/${member.userId}.svg`,
    );
  });

  it('refuses invalid fields with BAD_USER_INPUT naming each of them', async () => {
    const error = await failure(
      h,
      update({
        displayName: ' ',
        greeting: 'g'.repeat(161),
        avatarUrl: 'http://example.test/a.png',
      }),
    );
    expect(error.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [
        { field: 'displayName', message: 'must be 1 to 50 characters' },
        { field: 'greeting', message: 'must be at most 160 characters' },
        { field: 'avatarUrl', message: 'must be an https URL of at most 2048 characters' },
      ],
    });
  });

  it.each([
    'javascript:alert(1)',
    'data:image/png;base64,AAAA',
    'https://user:pw@example.test/a.png',
    'not a url',
  ])('refuses the avatar URL %s', async (avatarUrl) => {
    const error = await failure(h, update({ avatarUrl }));
    expect(error.extensions?.fields).toEqual([
      { field: 'avatarUrl', message: 'must be an https URL of at most 2048 characters' },
    ]);
  });

  it('accepts a 160-character greeting and a 50-character display name', async () => {
    const result = await data(
      h,
      update({ greeting: 'g'.repeat(160), displayName: 'd'.repeat(50) }),
    );
    expect(result.updateProfile.greeting).toHaveLength(160);
  });

  it('needs a valid access token', async () => {
    const error = await failure(h, { query: UPDATE, variables: { input: { greeting: 'hi' } } });
    expect(error.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'TOKEN_MISSING' });
  });

  it('serves the default avatar as a cacheable, script-free SVG', async () => {
    const response = await fetch(`${h.baseUrl}/avatars/${member.userId}.svg`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('content-security-policy')).toBe(
      "default-src 'none'; style-src 'unsafe-inline'",
    );
    const svg = await response.text();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).not.toMatch(/script/i);
    expect(await (await fetch(`${h.baseUrl}/avatars/${member.userId}.svg`)).text()).toBe(svg);
  });

  it.each([
    'not-an-id.svg',
    '..%2F..%2Fetc%2Fpasswd',
    `${'0'.repeat(36)}.svg`,
    '0190c5a0-0000-7000-8000-000000000000.png',
  ])('answers 404 for the avatar path %s', async (file) => {
    const response = await fetch(`${h.baseUrl}/avatars/${file}`);
    expect(response.status).toBe(404);
  });
});
