import { expectData } from '@social/testkit';
import { startStack, type TestStack } from './stack';

const SEARCH = `query($q: String!) {
  searchUsers(query: $q, first: 10) {
    edges { node { handle displayName followerCount } }
    pageInfo { hasNextPage }
  }
}`;

// Through the real gateway, anonymously like user(handle): the connection is the same
// UserConnection activity returns, so activity's User fields resolve on its nodes.
describe('searchUsers through the gateway', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack();
  });

  afterAll(() => stack.stop());

  it('finds members by handle prefix and display-name word, ranked, with fields from activity', async () => {
    const tag = Date.now().toString(36);
    const found = await stack.member(`srch${tag}`);
    const byName = await stack.member(`other${tag}`);
    await expectData(stack.url, {
      query: 'mutation($n: String!) { updateProfile(input: { displayName: $n }) { handle } }',
      variables: { n: `Émile Srch${tag}` },
      headers: { authorization: `Bearer ${byName.accessToken}` },
    });
    await expectData(stack.url, {
      query: 'mutation($id: ID!) { follow(userId: $id) { id } }',
      variables: { id: found.userId },
      headers: { authorization: `Bearer ${byName.accessToken}` },
    });
    const result = await expectData(stack.url, { query: SEARCH, variables: { q: `SRCH${tag}` } });
    expect(result.searchUsers).toEqual({
      edges: [
        { node: expect.objectContaining({ handle: found.handle, followerCount: 1 }) },
        {
          node: { handle: byName.handle, displayName: `Émile Srch${tag}`, followerCount: 0 },
        },
      ],
      pageInfo: { hasNextPage: false },
    });
    const accents = await expectData(stack.url, { query: SEARCH, variables: { q: 'emile' } });
    expect(
      accents.searchUsers.edges.map((e: { node: { handle: string } }) => e.node.handle),
    ).toContain(byName.handle);
  });
});
