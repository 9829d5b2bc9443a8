import { graphql } from '@social/testkit';
import { GraphQLError, GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import pino from 'pino';
import { createGraphQLService, UnauthenticatedError, type GraphQLService } from '../src';

const fail = (error: Error) => () => {
  throw error;
};

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      open: { type: GraphQLString, resolve: () => 'ok' },
      expired: { type: GraphQLString, resolve: fail(new UnauthenticatedError('TOKEN_EXPIRED')) },
      missing: { type: GraphQLString, resolve: fail(new UnauthenticatedError('TOKEN_MISSING')) },
      badLogin: {
        type: GraphQLString,
        resolve: fail(new UnauthenticatedError('INVALID_CREDENTIALS')),
      },
      // What a subgraph's error looks like once the gateway has it: code and reason, no http.
      passedOn: {
        type: GraphQLString,
        resolve: fail(
          new GraphQLError('ended', {
            extensions: { code: 'UNAUTHENTICATED', reason: 'TOKEN_REVOKED' },
          }),
        ),
      },
    },
  }),
});

describe("kit's token status: a token error makes the whole response a 401", () => {
  let service: GraphQLService;
  let url: string;

  beforeAll(async () => {
    service = await createGraphQLService({
      name: 'test',
      schema,
      logger: pino({ level: 'silent' }),
      queryLimits: { maxDepth: 10 },
      context: async () => ({}),
    });
    url = `http://127.0.0.1:${await service.listen(0)}/graphql`;
  });

  afterAll(() => service.stop());

  it.each([
    ['{ open expired again: expired }', 'TOKEN_EXPIRED', 'Bearer error="invalid_token"'],
    ['{ open passedOn }', 'TOKEN_REVOKED', 'Bearer error="invalid_token"'],
    ['{ missing open }', 'TOKEN_MISSING', 'Bearer'],
  ])('%s: 401, the challenge, one error, no data', async (query, reason, challenge) => {
    const response = await graphql(url, { query });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(challenge);
    expect(response.body.errors).toHaveLength(1);
    expect(response.body.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED', reason });
    expect(response.body.data).toBeUndefined();
  });

  it('leaves a failed login a 200 with its data and error', async () => {
    const response = await graphql(url, { query: '{ open badLogin }' });
    expect(response.status).toBe(200);
    expect(response.headers.get('www-authenticate')).toBeNull();
    expect(response.body.data).toEqual({ open: 'ok', badLogin: null });
    expect(response.body.errors?.[0]?.extensions?.reason).toBe('INVALID_CREDENTIALS');
  });
});
