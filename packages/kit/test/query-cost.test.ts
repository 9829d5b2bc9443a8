import { buildSchema, Kind, parse, type FragmentDefinitionNode } from 'graphql';
import { estimateCost, MAX_PAGE_SIZE } from '../src';

const schema = buildSchema(`
  type Query {
    user(handle: String): User
    _entities(representations: [String!]!): [Entity]!
  }
  union Entity = User
  type User { id: ID! handle: String followers(first: Int, after: String): UserConnection! }
  type UserConnection { edges: [UserEdge!]! pageInfo: PageInfo! }
  type UserEdge { cursor: String! node: User! }
  type PageInfo { hasNextPage: Boolean! }
`);

function cost(query: string, variables?: Record<string, unknown>, budget?: number): number {
  const document = parse(query);
  const operation = document.definitions.find(
    (definition) => definition.kind === Kind.OPERATION_DEFINITION,
  );
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) throw new Error('no operation');
  const fragments = Object.fromEntries(
    document.definitions
      .filter(
        (definition): definition is FragmentDefinitionNode =>
          definition.kind === Kind.FRAGMENT_DEFINITION,
      )
      .map((fragment) => [fragment.name.value, fragment]),
  );
  return estimateCost({ schema, operation, fragments, variables }, budget);
}

/** user 1, followers 1, edges 1, then per follower: node, followers, edges; then per theirs: node, id. */
const nested = (n: number) => 3 + 3 * n + 2 * n * n;
const HOSTILE = `query($n: Int) { ${Array.from(
  { length: 15 },
  (_, i) =>
    `a${i}: user { followers(first: $n) { edges { node { followers(first: $n) { edges { node { id } } } } } } }`,
).join(' ')} }`;

describe('the query cost, counted with the variables', () => {
  it('multiplies by first whether it is a variable or a literal', () => {
    expect(cost(HOSTILE, { n: 100 })).toBe(15 * nested(100));
    expect(cost(HOSTILE.replace('($n: Int)', '').replaceAll('$n', '100'))).toBe(15 * nested(100));
    expect(cost(HOSTILE, { n: 2 })).toBe(15 * nested(2));
  });

  it("takes a variable's default, and the page-size cap when first is missing or unusable", () => {
    const withDefault = HOSTILE.replace('($n: Int)', '($n: Int = 3)');
    expect(cost(withDefault, {})).toBe(15 * nested(3));
    expect(cost(HOSTILE, {})).toBe(15 * nested(MAX_PAGE_SIZE));
    expect(cost(HOSTILE, { n: 'many' })).toBe(15 * nested(MAX_PAGE_SIZE));
    expect(cost(HOSTILE, { n: 1_000_000 })).toBe(15 * nested(MAX_PAGE_SIZE));
    expect(cost('{ user { followers { edges { cursor } } } }')).toBe(3 + MAX_PAGE_SIZE);
  });

  it('counts through fragments and inline fragments, __typename included', () => {
    const query = `query($n: Int!) { user { ...F } }
      fragment F on User { __typename followers(first: $n) { edges { ... on UserEdge { cursor } } } }`;
    expect(cost(query, { n: 10 })).toBe(1 + 1 + 1 + 1 + 10);
  });

  it('sizes an entity fetch by its representations and leaves introspection out', () => {
    const query = `query($r: [String!]!) { _entities(representations: $r) { ... on User { id handle } } }`;
    expect(cost(query, { r: ['a', 'b', 'c'] })).toBe(1 + 3 * 2);
    expect(cost('{ __schema { types { name fields { name } } } user { id } }')).toBe(2);
  });

  it('stops counting once the budget is spent', () => {
    const counted = cost(HOSTILE, { n: 100 }, 5000);
    expect(counted).toBeGreaterThan(5000);
    expect(counted).toBeLessThan(15 * nested(100));
  });
});
