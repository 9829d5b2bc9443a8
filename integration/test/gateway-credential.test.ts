import { createGatewaySigner, GATEWAY_SIGNATURE_HEADER, newId } from '@social/kit';
import { silentLogger } from '@social/testkit';
import { createRemoteVerifier } from '@social/kit';
import { createServer as createGateway } from '../../gateway/src/server';
import { startStack, type TestStack } from './stack';

interface Answer {
  status: number;
  body: {
    data?: unknown;
    errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
  };
}

/** What each subgraph serves to a signed request, the answer, and a field to alias. */
const SERVED = {
  members: {
    query: '{ user(handle: "nobody_here") { id } }',
    data: { user: null },
    field: 'user(handle: "x") { id }',
  },
  activity: {
    query: `{ post(id: "${newId()}") { id } }`,
    data: { post: null },
    field: `post(id: "${newId()}") { id }`,
  },
  feed: {
    query: '{ __typename }',
    data: { __typename: 'Query' },
    field: 'unreadNotificationCount',
  },
} as const;
/** 20 × 20 × 20 fields through fragments: few tokens, shallow, and far over the cost limit. */
const COSTLY = [
  '{ ...C }',
  `fragment C on Query { ${'...B '.repeat(20)}}`,
  `fragment B on Query { ${'...A '.repeat(20)}}`,
  `fragment A on Query { ${'__typename '.repeat(20)}}`,
].join(' ');
const SUBGRAPHS = Object.keys(SERVED) as Array<keyof typeof SERVED>;

const unixNow = () => Math.floor(Date.now() / 1000);

/** One POST as the gateway makes it, signed with `sign` when given (the exact bytes sent). */
async function post(
  url: string,
  payload: object,
  sign?: (request: { method: string; path: string; body: string }) => string,
): Promise<Answer> {
  const body = JSON.stringify(payload);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (sign) headers[GATEWAY_SIGNATURE_HEADER] = sign({ method: 'POST', path: '/graphql', body });
  const response = await fetch(url, { method: 'POST', headers, body });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

const refusal = (reason: string) => ({
  status: 403,
  body: {
    errors: [
      {
        message: 'This service answers the gateway only',
        extensions: { code: 'FORBIDDEN', reason },
      },
    ],
  },
});

describe('subgraphs in production answer only the gateway', () => {
  let stack: TestStack;
  let secret: string;
  const urlOf = (name: keyof typeof SERVED) => stack.config.subgraphs.urls[name] ?? '';

  beforeAll(async () => {
    stack = await startStack({ production: true });
    secret = stack.gatewaySecret ?? '';
    expect(secret.length).toBeGreaterThanOrEqual(32);
  });

  afterAll(() => stack.stop());

  describe.each(SUBGRAPHS)('%s, called straight', (name) => {
    const { query, data } = SERVED[name];

    it('refuses a request without the credential: 403, FORBIDDEN, GATEWAY_CREDENTIAL_REQUIRED', async () => {
      expect(await post(urlOf(name), { query })).toEqual(refusal('GATEWAY_CREDENTIAL_REQUIRED'));
    });

    it('refuses a signature made with another secret, an expired one, or one over another body', async () => {
      const wrong = createGatewaySigner('not the secret, but just as long as one');
      const expired = createGatewaySigner(secret, () => unixNow() - 120);
      const sign = createGatewaySigner(secret);
      const otherBody = (request: { method: string; path: string; body: string }) =>
        sign({ ...request, body: JSON.stringify({ query: '{ me { email } }' }) });
      for (const signer of [wrong, expired, otherBody])
        expect(await post(urlOf(name), { query }, signer)).toEqual(
          refusal('GATEWAY_CREDENTIAL_INVALID'),
        );
    });

    it('serves a request the gateway signed', async () => {
      expect(await post(urlOf(name), { query }, createGatewaySigner(secret))).toEqual({
        status: 200,
        body: { data },
      });
    });

    it('keeps /healthz open, and /readyz and /metrics open on the operations port only', async () => {
      const status = async (base: string, path: string) =>
        [path, (await fetch(new URL(path, base))).status] as const;
      expect(await status(urlOf(name), '/healthz')).toEqual(['/healthz', 200]);
      for (const path of ['/readyz', '/metrics']) {
        expect(await status(urlOf(name), path)).toEqual([path, 404]);
        expect(await status(stack.opsUrls[name], path)).toEqual([path, 200]);
      }
    });

    it.each([
      ['too deep', `{ ${'... on Query { '.repeat(11)}__typename${' }'.repeat(11)} }`, 'VALIDATION'],
      [
        'with too many aliases',
        `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: ${SERVED[name].field}`).join(' ')} }`,
        'VALIDATION',
      ],
      ['with too many tokens', `{ ${'__typename '.repeat(1000)}}`, 'PARSE'],
      ['too costly', COSTLY, 'VALIDATION'],
    ])('refuses a query %s exactly as the gateway does', async (_shape, tooMuch, failed) => {
      const atGateway = await post(stack.url, { query: tooMuch });
      expect(atGateway.status).toBe(400);
      expect(atGateway.body.errors?.map((error) => error.extensions?.code)).toEqual([
        `GRAPHQL_${failed}_FAILED`,
      ]);
      // Production shows no cost figures; the shape limits say which limit it was.
      expect(atGateway.body.errors?.[0]?.message).toMatch(
        /^(Query depth|Aliases) limit of \d+ exceeded|more that 1000|^Query is too costly$/,
      );
      const straight = await post(urlOf(name), { query: tooMuch }, createGatewaySigner(secret));
      expect(straight).toEqual(atGateway);
    });
  });

  it('serves a query at the depth limit whose plan reaches activity one level deeper', async () => {
    const member = await stack.member();
    // 10 levels at the gateway; activity gets `_entities { ... on User { posts ... } }`: 11.
    // A page size of its own: without one the cost limit counts the page-size cap, 100.
    const posts = (inner: string) => `posts(first: 5) { edges { node { author { ${inner} } } } }`;
    const query = `{ user(handle: "${member.handle}") { ${posts(posts('id'))} } }`;
    expect(await post(stack.url, { query })).toEqual({
      status: 200,
      body: { data: { user: { posts: { edges: [] } } } },
    });
  });

  it('a gateway with another secret gets an internal error, with nothing about why', async () => {
    const { config } = stack;
    const gateway = await createGateway(
      { ...config, subgraphs: { ...config.subgraphs, gatewaySecret: 'x'.repeat(40) } },
      {
        logger: silentLogger,
        verifier: createRemoteVerifier(config.auth.jwksUrl),
        redis: stack.redis,
      },
    );
    const url = `http://127.0.0.1:${await gateway.listen(0)}/graphql`;
    try {
      const answer = await post(url, { query: SERVED.members.query });
      expect(answer.body.errors).toEqual([
        expect.objectContaining({
          message: 'Internal server error',
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        }),
      ]);
      expect(JSON.stringify(answer.body)).not.toMatch(/GATEWAY_CREDENTIAL|FORBIDDEN|127\.0\.0\.1/);
    } finally {
      await gateway.stop();
    }
  });
});

describe('outside production, without GATEWAY_SECRET', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack();
  });

  afterAll(() => stack.stop());

  it.each(SUBGRAPHS)('%s answers unsigned requests', async (name) => {
    const { query, data } = SERVED[name];
    expect(stack.gatewaySecret).toBeNull();
    expect(await post(stack.config.subgraphs.urls[name] ?? '', { query })).toEqual({
      status: 200,
      body: { data },
    });
  });
});
