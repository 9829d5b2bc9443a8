import { LOADER_LIMITS, newId } from '@social/kit';
import { data } from './helpers';
import { useMembers } from './use-members';

describe("members: the user loader's batch size", () => {
  const h = useMembers();

  it(`reads at most ${LOADER_LIMITS.maxBatchSize} users per statement`, async () => {
    const representations = Array.from({ length: 250 }, () => ({
      __typename: 'User',
      id: newId(),
    }));
    h.orm.resetQueries();
    const result = await data(h, {
      query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id } } }',
      variables: { r: representations },
    });
    expect(result._entities).toEqual(representations.map(() => null));
    expect(h.orm.queries.filter((sql) => /from [`]?users[`]?/i.test(sql))).toHaveLength(3);
  });
});
