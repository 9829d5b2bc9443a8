import { buildSchema, parse, validate } from 'graphql';
import { createQueryLimits, createSubgraphQueryLimits, QUERY_LIMITS } from '../src';

const schema = buildSchema(`
  type Query { user: User _entities(representations: [String!]!): [User] }
  type User { id: ID friend: User }
`);

/** A user query `levels` deep: user { friend { ... { id } } }. */
const chain = (levels: number) => `${'friend { '.repeat(levels - 2)}id${' }'.repeat(levels - 2)}`;
const rootQuery = (levels: number) => `{ user { ${chain(levels)} } }`;
/** An entity fetch as a query plan sends it, `levels` deep counting _entities and the fragment. */
const entityFetch = (levels: number) =>
  `{ _entities(representations: ["1"]) { ... on User { ${chain(levels - 1)} } } }`;

function errorsOf(rules: ReturnType<typeof createQueryLimits>, query: string): string[] {
  return validate(schema, parse(query), rules.validationRules).map((error) => error.message);
}

describe('the query limits', () => {
  const gateway = createQueryLimits({ maxDepth: 4, production: true });
  const subgraph = createSubgraphQueryLimits({ maxDepth: 4, production: true });

  it('refuse the same too-deep query at the gateway and at a subgraph', () => {
    for (const limits of [gateway, subgraph]) {
      expect(errorsOf(limits, rootQuery(4))).toEqual([]);
      expect(errorsOf(limits, rootQuery(5))).toEqual([
        'Syntax Error: Query depth limit of 4 exceeded, found 5.',
      ]);
    }
  });

  it('let an entity fetch be one level deeper, and no more', () => {
    // user(1) friend(2) id(3) at the gateway is _entities(1) ... on User(2) friend(3) id(4) in a
    // plan when user is resolved elsewhere: a query at the limit plans into limit + 1.
    expect(errorsOf(subgraph, entityFetch(5))).toEqual([]);
    expect(errorsOf(subgraph, entityFetch(6))).toEqual([
      'Syntax Error: Query depth limit of 5 exceeded, found 6.',
    ]);
    expect(errorsOf(gateway, entityFetch(5))).toHaveLength(1);
    // Not when the document asks for anything besides _entities.
    const mixed = `{ user { id } _entities(representations: ["1"]) { ... on User { ${chain(4)} } } }`;
    expect(errorsOf(subgraph, mixed)).toEqual([
      'Syntax Error: Query depth limit of 4 exceeded, found 5.',
    ]);
  });

  it('refuse too many aliases and too much cost alike', () => {
    const aliases = `{ ${Array.from({ length: QUERY_LIMITS.maxAliases + 1 }, (_, i) => `a${i}: user { id }`).join(' ')} }`;
    const costly = `{ ${Array.from({ length: 15 }, (_, i) => `a${i}: user { ${'id '.repeat(400)}}`).join(' ')} }`;
    for (const limits of [gateway, subgraph]) {
      expect(errorsOf(limits, aliases)).toEqual([
        `Syntax Error: Aliases limit of ${QUERY_LIMITS.maxAliases} exceeded, found ${QUERY_LIMITS.maxAliases + 1}.`,
      ]);
      expect(errorsOf(limits, costly)).toEqual([
        expect.stringMatching(/^Syntax Error: Query Cost limit of 5000 exceeded, found \d+/),
      ]);
    }
  });

  it('limit tokens in the parser, so an oversized document is a parse error (HTTP 400)', () => {
    for (const limits of [gateway, subgraph]) {
      expect(limits.parseOptions).toEqual({ maxTokens: QUERY_LIMITS.maxTokens });
      expect(() =>
        parse(`{ ${'id '.repeat(QUERY_LIMITS.maxTokens)}}`, limits.parseOptions),
      ).toThrow(/more that 1000 tokens/);
    }
  });
});
