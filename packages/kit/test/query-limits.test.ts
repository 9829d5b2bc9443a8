import type { GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import { buildSchema, getOperationAST, type GraphQLError, parse, validate } from 'graphql';
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

/** What the limits' plugins do once the operation and its variables are known. */
async function refusalOf(
  limits: ReturnType<typeof createQueryLimits>,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLError | null> {
  const document = parse(query);
  const context = {
    schema,
    document,
    operation: getOperationAST(document),
    request: { query, variables },
  } as unknown as GraphQLRequestContextDidResolveOperation<object>;
  try {
    for (const plugin of limits.plugins) {
      const listener = await plugin.requestDidStart?.(context as never);
      await listener?.didResolveOperation?.(context);
    }
    return null;
  } catch (error) {
    return error as GraphQLError;
  }
}

function errorsOf(rules: ReturnType<typeof createQueryLimits>, query: string): string[] {
  return validate(schema, parse(query), rules.validationRules).map((error) => error.message);
}

describe('the query limits', () => {
  const gateway = createQueryLimits({ maxDepth: 4, production: true });
  const subgraph = createSubgraphQueryLimits({ maxDepth: 4, production: true });

  it('refuse the same too-deep query at the gateway and at a subgraph', () => {
    for (const limits of [gateway, subgraph]) {
      expect(errorsOf(limits, rootQuery(4))).toEqual([]);
      expect(errorsOf(limits, rootQuery(5))).toEqual(['Query depth limit of 4 exceeded, found 5.']);
    }
  });

  it('let an entity fetch be one level deeper, and no more', () => {
    // user(1) friend(2) id(3) at the gateway is _entities(1) ... on User(2) friend(3) id(4) in a
    // plan when user is resolved elsewhere: a query at the limit plans into limit + 1.
    expect(errorsOf(subgraph, entityFetch(5))).toEqual([]);
    expect(errorsOf(subgraph, entityFetch(6))).toEqual([
      'Query depth limit of 5 exceeded, found 6.',
    ]);
    expect(errorsOf(gateway, entityFetch(5))).toHaveLength(1);
    // Not when the document asks for anything besides _entities.
    const mixed = `{ user { id } _entities(representations: ["1"]) { ... on User { ${chain(4)} } } }`;
    expect(errorsOf(subgraph, mixed)).toEqual(['Query depth limit of 4 exceeded, found 5.']);
  });

  it('refuse too many aliases', () => {
    const aliases = `{ ${Array.from({ length: QUERY_LIMITS.maxAliases + 1 }, (_, i) => `a${i}: user { id }`).join(' ')} }`;
    for (const limits of [gateway, subgraph])
      expect(errorsOf(limits, aliases)).toEqual([
        `Aliases limit of ${QUERY_LIMITS.maxAliases} exceeded, found ${QUERY_LIMITS.maxAliases + 1}.`,
      ]);
  });

  it('refuse too much cost alike once the variables are known, without numbers in production', async () => {
    const costly = `{ ${Array.from({ length: 15 }, (_, i) => `a${i}: user { ${'id '.repeat(400)}}`).join(' ')} }`;
    const development = createQueryLimits({ maxDepth: 4, production: false });
    for (const limits of [gateway, subgraph, development]) {
      expect(await refusalOf(limits, '{ user { id friend { id } } }')).toBeNull();
      const refused = await refusalOf(limits, costly);
      expect(refused?.extensions).toEqual({
        code: 'GRAPHQL_VALIDATION_FAILED',
        reason: 'QUERY_TOO_COSTLY',
        http: { status: 400 },
      });
    }
    expect((await refusalOf(gateway, costly))?.message).toBe('Query is too costly');
    expect((await refusalOf(development, costly))?.message).toMatch(
      /^Query cost limit of 5000 exceeded, found at least \d+\.$/,
    );
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
