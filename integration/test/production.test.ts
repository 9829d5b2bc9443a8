import { graphql } from '@social/testkit';
import { createRemoteVerifier } from '@social/kit';
import { silentLogger } from '@social/testkit';
import { createServer as createGateway } from '../../gateway/src/server';
import { startStack, type TestStack } from './stack';

describe('the gateway in production mode', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack({ production: true });
  });

  afterAll(() => stack.stop());

  it('refuses introspection', async () => {
    const response = await graphql(stack.url, { query: '{ __schema { types { name } } }' });
    expect(response.body.errors?.[0]?.message).toMatch(/introspection/i);
    expect(response.body.data ?? null).toBeNull();
  });

  it('serves no IDE to a browser', async () => {
    const response = await fetch(stack.url, { headers: { accept: 'text/html' } });
    expect(response.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
  });

  it('passes subgraph error codes through unchanged, without internals', async () => {
    const member = await stack.member();
    const response = await graphql(stack.url, {
      query: 'mutation($i: SignUpInput!) { signUp(input: $i) { user { id } } }',
      variables: {
        i: {
          email: member.email,
          password: 'another long password 1',
          handle: 'someone_else',
          displayName: 'X',
        },
      },
    });
    expect(response.body.errors?.[0]?.extensions).toEqual({
      code: 'CONFLICT',
      reason: 'EMAIL_TAKEN',
    });
    expect(JSON.stringify(response.body)).not.toMatch(/stack|sql|\.ts|\/work\//i);
  });

  it('masks a failing subgraph as INTERNAL_SERVER_ERROR with no address or stack', async () => {
    const { config } = stack;
    const urls = { ...config.subgraphs.urls, activity: 'http://127.0.0.1:9/graphql' };
    const gateway = await createGateway(
      { ...config, subgraphs: { ...config.subgraphs, urls } },
      {
        logger: silentLogger,
        verifier: createRemoteVerifier(config.auth.jwksUrl),
        redis: stack.redis,
      },
    );
    const url = `http://127.0.0.1:${await gateway.listen(0)}/graphql`;
    try {
      const member = await stack.member();
      const response = await graphql(url, {
        query: `{ user(handle: "${member.handle}") { handle followerCount } }`,
      });
      expect(response.body.errors?.[0]).toMatchObject({
        message: 'Internal server error',
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      });
      expect(JSON.stringify(response.body)).not.toMatch(
        /127\.0\.0\.1|ECONNREFUSED|fetch failed|stack/i,
      );
    } finally {
      await gateway.stop();
    }
  });
});
