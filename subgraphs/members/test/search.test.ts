import { randomBytes } from 'node:crypto';
import { expectData } from '@social/testkit';
import { DEFAULT_PASSWORD, signUpAndLogin } from './harness';
import { SIGN_UP, bearer, data, failure, fromAddress } from './helpers';
import { useMembers } from './use-members';

const SEARCH = `query($q: String!, $first: Int, $after: String) {
  searchUsers(query: $q, first: $first, after: $after) {
    edges { cursor node { handle displayName } }
    pageInfo { hasNextPage endCursor }
  }
}`;

describe('members: searchUsers', () => {
  const h = useMembers();

  const handles = async (q: string, headers: Record<string, string> = {}) =>
    (await data(h, { query: SEARCH, variables: { q }, headers })).searchUsers.edges.map(
      (e: { node: { handle: string } }) => e.node.handle,
    );
  /** Signed up only (not verified): enough to be found. */
  const signUp = (handle: string, displayName: string) =>
    data(h, {
      query: SIGN_UP,
      variables: {
        input: { email: `${handle}@example.test`, password: DEFAULT_PASSWORD, handle, displayName },
      },
    });

  async function seed() {
    await signUp('ada', 'Someone Else');
    await signUp('adams', 'John Adams');
    await signUp('ada_lovelace', 'Ada Lovelace');
    await signUp('bob', 'Bob Ada-Smith');
    await signUp('zed', 'Adèle Zoë Zed');
    await signUp('nobody', 'Nothing Here');
  }

  it('ranks the exact handle first, then handle prefixes, then display-name words', async () => {
    await seed();
    expect(await handles('ada')).toEqual(['ada', 'ada_lovelace', 'adams', 'bob']);
    expect(await handles('  @ADA ')).toEqual(['ada', 'ada_lovelace', 'adams', 'bob']);
    // "adams" is both a handle prefix and a name word: listed once, at its best rank.
    expect(await handles('adams')).toEqual(['adams']);
    expect(await handles('smith')).toEqual(['bob']);
  });

  it('ignores case and accents, and every word of the query must start a word of the name', async () => {
    await seed();
    expect(await handles('ADELE')).toEqual(['zed']);
    expect(await handles('adèle zoe')).toEqual(['zed']);
    expect(await handles('zoë')).toEqual(['zed']);
    expect(await handles('ada lov')).toEqual(['ada_lovelace']);
    expect(await handles('lovelace john')).toEqual([]);
    // Inside a word is no match.
    expect(await handles('ovelace')).toEqual([]);
  });

  it('treats LIKE wildcards literally', async () => {
    await seed();
    expect(await handles('%')).toEqual([]);
    // As a wildcard, _ would let "ad_m" match the handle adams.
    expect(await handles('ad_m')).toEqual([]);
    expect(await handles('ada_')).toEqual(['ada_lovelace', 'adams', 'bob']);
    expect(await handles('_')).toEqual([]);
  });

  it('pages with cursors, in ranking order, without repeats', async () => {
    await seed();
    const first = (await data(h, { query: SEARCH, variables: { q: 'ada', first: 2 } })).searchUsers;
    expect(first.edges.map((e: { node: { handle: string } }) => e.node.handle)).toEqual([
      'ada',
      'ada_lovelace',
    ]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(first.pageInfo.endCursor).toBe(first.edges[1].cursor);
    const second = (
      await data(h, {
        query: SEARCH,
        variables: { q: 'ada', first: 2, after: first.pageInfo.endCursor },
      })
    ).searchUsers;
    expect(second.edges.map((e: { node: { handle: string } }) => e.node.handle)).toEqual([
      'adams',
      'bob',
    ]);
    expect(second.pageInfo.hasNextPage).toBe(false);
  });

  it('follows display-name changes', async () => {
    const member = await signUpAndLogin(h, { displayName: 'Grace Hopper' });
    expect(await handles('hopper')).toEqual([member.handle]);
    await data(h, {
      query: 'mutation($n: String!) { updateProfile(input: { displayName: $n }) { displayName } }',
      variables: { n: 'Grace Brewster Murray' },
      headers: bearer(member.accessToken),
    });
    expect(await handles('hopper')).toEqual([]);
    expect(await handles('brewster')).toEqual([member.handle]);
    // A change of greeting only leaves the words alone.
    await data(h, {
      query: 'mutation { updateProfile(input: { greeting: "hello" }) { displayName } }',
      headers: bearer(member.accessToken),
    });
    expect(await handles('murray')).toEqual([member.handle]);
  });

  it('refuses an empty or over-long query, a page over the cap and a bad cursor with BAD_USER_INPUT', async () => {
    for (const q of ['', '   ', 'x'.repeat(51)]) {
      const error = await failure(h, { query: SEARCH, variables: { q } });
      expect(error.extensions).toEqual({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'query', message: 'must be 1 to 50 characters' }],
      });
    }
    await data(h, { query: SEARCH, variables: { q: 'x'.repeat(50) } });
    const page = await failure(h, { query: SEARCH, variables: { q: 'ada', first: 101 } });
    expect(page.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'first', message: 'must be between 1 and 100' }],
    });
    const cursor = await failure(h, { query: SEARCH, variables: { q: 'ada', after: 'nope!' } });
    expect(cursor.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('is limited per client address with its own budget (SEARCH_RATE_PER_ADDRESS)', async () => {
    h.config.limits.searchRatePerAddress = 3;
    const from = fromAddress('203.0.113.60');
    for (let i = 0; i < 3; i++) await handles(`q${i}`, from);
    const limited = await failure(h, { query: SEARCH, variables: { q: 'q' }, headers: from });
    expect(limited.extensions).toEqual({
      code: 'RATE_LIMITED',
      retryAfterSeconds: expect.any(Number),
    });
    await handles('q', fromAddress('203.0.113.61'));
    // The auth mutations' budget is another one.
    await expectData(h.url, {
      query: 'mutation { resendVerificationEmail(email: "x@example.test") }',
      headers: from,
    });
  });

  it('finds a member among many by a rare word', async () => {
    const tag = randomBytes(3).toString('hex');
    // One by one: argon2's queue sheds a burst of 30 sign-ups.
    for (let i = 0; i < 30; i++) await signUp(`m${tag}_${i}`, `Common Name ${i}`);
    await signUp(`rare_${tag}`, 'Quintessa Common');
    expect(await handles('quint')).toEqual([`rare_${tag}`]);
    const common = (await data(h, { query: SEARCH, variables: { q: 'common', first: 100 } }))
      .searchUsers.edges;
    expect(common).toHaveLength(31);
  });
});
