import { randomBytes } from 'node:crypto';
import { expectData, KIND, startOtlpReceiver, waitFor, type ReceivedSpan } from '@social/testkit';
import { startStack, type TestStack } from './stack';

jest.setTimeout(120_000);

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

/** The one span of `spans` that matches, failing with every candidate's name if not exactly one. */
function only(spans: ReceivedSpan[], what: string, match: (span: ReceivedSpan) => boolean) {
  const found = spans.filter(match);
  if (found.length !== 1)
    throw new Error(
      `expected one ${what}, found ${found.length} among ${spans.map((s) => `${s.scope}:${s.name}`).join(', ')}`,
    );
  return found[0];
}

/** The names of a span's ancestors in its trace, nearest first. */
function ancestry(spans: ReceivedSpan[], span: ReceivedSpan): string[] {
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  const names: string[] = [];
  for (let at = byId.get(span.parentSpanId); at; at = byId.get(at.parentSpanId))
    names.push(`${at.scope}:${at.name}`);
  return names;
}

describe('one trace from the gateway through Kafka to the feed', () => {
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
  let stack: TestStack;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    stack = await startStack(
      {},
      {
        env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url },
        events: true,
      },
    );
  });
  afterAll(async () => {
    await stack?.stop();
    await receiver?.close();
  });

  it("continues the client's traceparent across the subgraph call, the outbox, the relay's send and the fan-out", async () => {
    expect(stack.tracing.enabled).toBe(true);
    const author = await stack.member();
    const follower = await stack.member();
    await expectData(stack.url, {
      query: 'mutation($id: ID!) { follow(userId: $id) { id } }',
      variables: { id: author.userId },
      headers: auth(follower.accessToken),
    });

    const traceId = randomBytes(16).toString('hex');
    const clientSpanId = randomBytes(8).toString('hex');
    const { createPost } = await expectData(stack.url, {
      query: 'mutation($body: String!) { createPost(body: $body) { id } }',
      variables: { body: 'traced from end to end' },
      headers: { ...auth(author.accessToken), traceparent: `00-${traceId}-${clientSpanId}-01` },
    });
    // The fan-out the post causes: it reaches the follower's feed.
    await waitFor('the post in the follower feed', async () => {
      const data = await expectData(stack.url, {
        query: '{ feed(first: 5) { edges { node { post { id } } } } }',
        headers: auth(follower.accessToken),
      });
      return data.feed.edges.some(
        (e: { node: { post: { id: string } } }) => e.node.post.id === createPost.id,
      );
    });
    const inTrace = () => receiver.spans.filter((span) => span.traceId === traceId);
    const spans = await waitFor(
      'the feed span of the post in the trace',
      async () => {
        await stack.tracing.flush();
        return inTrace().some((s) => s.name === 'apply post.created') && inTrace();
      },
      { timeoutMs: 60_000, intervalMs: 200 },
    );

    // The gateway continues the client's trace; Apollo Gateway's spans sit under its request span.
    const gatewayRequest = only(
      spans,
      'gateway request span',
      (s) => s.scope === 'gateway' && s.kind === KIND.server,
    );
    expect(gatewayRequest).toMatchObject({
      name: 'POST /graphql',
      parentSpanId: clientSpanId,
      attributes: { 'http.response.status_code': 200 },
    });
    const fetch = only(
      spans,
      'fetch to activity',
      (s) => s.name === 'gateway.fetch' && s.attributes.service === 'activity',
    );
    expect(ancestry(spans, fetch)).toContain('apollo/gateway-js:gateway.request');
    expect(ancestry(spans, fetch).at(-1)).toBe('gateway:POST /graphql');
    expect(spans.some((s) => s.name === 'gateway.plan')).toBe(true);

    // Activity's request span is the fetch's child; the resolver's (the DB work) is its child.
    const activityRequest = only(
      spans,
      'activity request span',
      (s) => s.scope === 'activity' && s.kind === KIND.server,
    );
    expect(activityRequest.parentSpanId).toBe(fetch.spanId);
    const resolver = only(
      spans,
      'createPost resolver span',
      (s) => s.name === 'Mutation.createPost',
    );
    expect(resolver).toMatchObject({ scope: 'activity', parentSpanId: activityRequest.spanId });

    // The outbox row carried the resolver's context: the relay's send is its child, in the trace.
    const send = only(spans, 'relay send span', (s) => s.kind === KIND.producer);
    expect(send).toMatchObject({
      scope: 'activity',
      name: `send ${send.attributes['messaging.destination.name']}`,
      parentSpanId: resolver.spanId,
      attributes: { 'messaging.system': 'kafka', 'messaging.kafka.message.key': author.userId },
    });

    // The feed continues from the send for the fan-out; its chunk's transaction has a trace of
    // its own (a chunk holds many requests' events), linked both ways.
    const apply = only(spans, 'feed apply span', (s) => s.name === 'apply post.created');
    expect(apply).toMatchObject({ scope: 'feed', kind: KIND.consumer, parentSpanId: send.spanId });
    expect(apply.links).toHaveLength(1);
    const chunk = await waitFor('the chunk span', async () => {
      await stack.tracing.flush();
      return receiver.spans.find((s) => s.spanId === apply.links[0]?.spanId);
    });
    expect(chunk).toMatchObject({ scope: 'feed', kind: KIND.consumer, parentSpanId: '' });
    expect(chunk.name).toBe(`process ${send.attributes['messaging.destination.name']}`);
    expect(chunk.traceId).not.toBe(traceId);
    expect(chunk.links).toContainEqual({ traceId, spanId: send.spanId });
  });

  it('starts a trace at the gateway when the client sends none', async () => {
    const member = await stack.member();
    const before = new Set(receiver.spans.map((s) => s.spanId));
    await expectData(stack.url, { query: '{ me { email } }', headers: auth(member.accessToken) });
    const root = await waitFor('a root request span of the gateway', async () => {
      await stack.tracing.flush();
      return receiver.spans.find(
        (s) =>
          !before.has(s.spanId) &&
          s.scope === 'gateway' &&
          s.kind === KIND.server &&
          s.parentSpanId === '',
      );
    });
    const trace = receiver.spans.filter((s) => s.traceId === root.traceId);
    const members = only(
      trace,
      'members request span',
      (s) => s.scope === 'members' && s.kind === KIND.server,
    );
    expect(ancestry(trace, members).at(-1)).toBe('gateway:POST /graphql');
    expect(trace.map((s) => s.name)).toContain('Query.me');
  });
});
