import { graphql } from '@social/testkit';
import { startStack, type TestStack } from './stack';
import { webOperations } from './web-operations';

/** The audit's query: fifteen aliased followers of followers, sized by a variable. */
const HOSTILE = `query($handle: String, $n: Int) { ${Array.from(
  { length: 15 },
  (_, i) =>
    `a${i}: user(handle: $handle) { followers(first: $n) { edges { node { followers(first: $n) { edges { node { id } } } } } } }`,
).join(' ')} }`;

/** Every subgraph fetch the gateway has made, from its own metrics (operations port). */
async function subgraphFetches(stack: TestStack): Promise<number> {
  const metrics = await (await fetch(new URL('/metrics', stack.opsUrls.gateway))).text();
  return metrics
    .split('\n')
    .filter((line) => line.startsWith('gateway_subgraph_fetch_duration_seconds_count{'))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}

describe('the gateway: query cost with variables, and malformed documents', () => {
  const operations = webOperations();
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack();
  });

  afterAll(() => stack.stop());

  it('refuses the hostile query with first: $n = 100 before any subgraph is called', async () => {
    const member = await stack.member();
    const before = await subgraphFetches(stack);
    const response = await graphql(stack.url, {
      query: HOSTILE,
      variables: { handle: member.handle, n: 100 },
    });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      errors: [
        {
          message: expect.stringMatching(
            /^Query cost limit of 5000 exceeded, found at least \d+\.$/,
          ),
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED', reason: 'QUERY_TOO_COSTLY' },
        },
      ],
    });
    expect(await subgraphFetches(stack)).toBe(before);
    // The same document with small pages is an ordinary query.
    const small = await graphql(stack.url, {
      query: HOSTILE,
      variables: { handle: member.handle, n: 2 },
    });
    expect([small.status, small.body.errors, small.body.data?.a0]).toEqual([
      200,
      undefined,
      { followers: { edges: [] } },
    ]);
  });

  it("serves the web app's pages with their variables, the largest page size and none", async () => {
    const member = await stack.member();
    const headers = { authorization: `Bearer ${member.accessToken}` };
    const run = async (name: string, variables: Record<string, unknown>) => {
      const query = operations.get(name) ?? '';
      const response = await graphql(stack.url, { query, variables, operationName: name, headers });
      expect([name, response.status, response.body.errors]).toEqual([name, 200, undefined]);
      return response.body.data;
    };
    const post = (await run('CreatePost', { body: 'a post to page through' })).createPost;
    for (const first of [20, 100, undefined]) {
      expect((await run('Feed', { first })).feed.edges).toEqual([]);
      const profile = await run('Profile', { handle: member.handle, first });
      expect(
        profile.user.posts.edges.map((edge: { node: { id: string } }) => edge.node.id),
      ).toEqual([post.id]);
      expect((await run('Comments', { id: post.id, first })).post.comments.edges).toEqual([]);
      expect((await run('Notifications', { first })).notifications.edges).toEqual([]);
    }
  });

  it.each(['{ me { email ', '{ user(handle: ) { id } }'])(
    'answers the malformed document %j with HTTP 400 GRAPHQL_PARSE_FAILED, at the gateway and at a subgraph',
    async (query) => {
      for (const url of [stack.url, stack.members.url]) {
        const response = await graphql(url, { query });
        expect([url, response.status]).toEqual([url, 400]);
        expect(response.body.errors).toEqual([
          expect.objectContaining({
            message: expect.stringMatching(/^Syntax Error: /),
            extensions: { code: 'GRAPHQL_PARSE_FAILED' },
          }),
        ]);
      }
    },
  );

  it('calls a refused limit by its name, never a syntax error', async () => {
    const aliases = Array.from(
      { length: 16 },
      (_, i) => `a${i}: user(handle: "x${i}") { id }`,
    ).join(' ');
    for (const url of [stack.url, stack.members.url]) {
      const response = await graphql(url, { query: `{ ${aliases} }` });
      expect([url, response.status, response.body.errors]).toEqual([
        url,
        400,
        [
          {
            message: 'Aliases limit of 15 exceeded, found 16.',
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
          },
        ],
      ]);
    }
  });
});
