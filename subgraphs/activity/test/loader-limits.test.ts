import { LOADER_LIMITS, newId } from '@social/kit';
import { graphql } from '@social/testkit';
import { startActivity, type ActivityHarness } from './harness';

jest.setTimeout(30_000);

/** Follower pages of every user given: cheap by the cost limit (no edges), many rows to read. */
const FOLLOWER_PAGES = `query($r: [_Any!]!, $first: Int) { _entities(representations: $r) {
  ... on User { followers(first: $first) { pageInfo { hasNextPage } } } } }`;

const users = (count: number) =>
  Array.from({ length: count }, () => ({ __typename: 'User', id: newId() }));

describe("activity: the loaders' batch sizes and per-request row budget", () => {
  let h: ActivityHarness;

  beforeAll(async () => {
    h = await startActivity();
  });
  afterAll(() => h.close());

  it(`reads at most ${LOADER_LIMITS.maxPagesPerBatch} pages per statement`, async () => {
    h.db.resetQueries();
    const data = await h.data(FOLLOWER_PAGES, { r: users(45), first: 1 });
    expect(data._entities).toHaveLength(45);
    const pagesPerStatement = h.db.queries
      .map((sql) => sql.split('as page_key').length - 1)
      .sort((a, b) => b - a);
    expect(pagesPerStatement).toEqual([20, 20, 5]);
  });

  it(`reads at most ${LOADER_LIMITS.maxBatchSize} ids per statement`, async () => {
    const representations = Array.from({ length: 250 }, () => ({
      __typename: 'Post',
      id: newId(),
    }));
    h.db.resetQueries();
    const data = await h.data(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Post { id } } }',
      { r: representations },
    );
    expect(data._entities).toEqual(representations.map(() => null));
    expect(h.db.queries).toHaveLength(3);
  });

  it('refuses the statement that would take a request over its row budget, and runs no more', async () => {
    // 60 pages of up to 101 rows: 6060 rows, over the 5000 of one request; the cost is 181.
    h.db.resetQueries();
    const response = await graphql(h.url, {
      query: FOLLOWER_PAGES,
      variables: { r: users(60), first: 100 },
    });
    expect(response.status).toBe(200);
    const codes = new Set(
      response.body.errors?.map((error) => JSON.stringify(error.extensions)) ?? [],
    );
    expect([...codes]).toEqual([
      JSON.stringify({ code: 'GRAPHQL_VALIDATION_FAILED', reason: 'QUERY_TOO_COSTLY' }),
    ]);
    // Two statements of 20 pages (4040 rows) ran; the third would have passed 5000.
    expect(h.db.queries).toHaveLength(2);
    expect(response.body.errors?.[0]?.message).toBe('Query reads too many rows');
  });
});
