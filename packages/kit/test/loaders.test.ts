import { GraphQLError } from 'graphql';
import { createBoundedLoader, LOADER_LIMITS, RowBudget } from '../src';

describe("the kit's bounded loaders", () => {
  it(`split a tick's keys into statements of at most ${LOADER_LIMITS.maxBatchSize}`, async () => {
    const batches: number[] = [];
    const loader = createBoundedLoader<number, number>(new RowBudget(), async (keys) => {
      batches.push(keys.length);
      return keys.map((key) => key * 2);
    });
    const keys = Array.from({ length: 250 }, (_, i) => i);
    expect(await loader.loadMany(keys)).toEqual(keys.map((key) => key * 2));
    expect(batches).toEqual([100, 100, 50]);
  });

  it('refuse the batch that would take the request over its row budget, before it runs', async () => {
    const budget = new RowBudget(120);
    let statements = 0;
    const pages = createBoundedLoader<{ limit: number }, string>(
      budget,
      async (requests) => {
        statements += 1;
        return requests.map(() => 'page');
      },
      {
        rowsOf: (requests) => requests.reduce((rows, r) => rows + r.limit + 1, 0),
        maxBatchSize: 2,
      },
    );
    // Two pages of 50: 102 rows, within the budget.
    expect(await pages.loadMany([{ limit: 50 }, { limit: 50 }])).toEqual(['page', 'page']);
    // The next two would need 102 more: refused with the cost code, and no statement runs.
    const refused = await pages.loadMany([{ limit: 50 }, { limit: 50 }]);
    expect(statements).toBe(1);
    for (const each of refused) {
      expect(each).toBeInstanceOf(GraphQLError);
      expect((each as GraphQLError).extensions).toEqual({
        code: 'GRAPHQL_VALIDATION_FAILED',
        reason: 'QUERY_TOO_COSTLY',
      });
    }
    expect(budget.remaining).toBe(18);
  });
});
