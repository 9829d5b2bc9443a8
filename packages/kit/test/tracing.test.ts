import { Writable } from 'node:stream';
import { trace } from '@opentelemetry/api';
import { KIND, startOtlpReceiver, waitFor } from '@social/testkit';
import {
  createLogger,
  inChunkSpan,
  inMessageSpan,
  injectTraceContext,
  inSpan,
  messageTraceContext,
  startTracing,
  traceLogFields,
  traceSend,
  tracingEnabled,
  type Tracing,
} from '../src';

/** A logger whose lines land in `lines`, parsed. */
function capturedLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')));
      done();
    },
  });
  return { logger: createLogger('kit-test', 'info', stream), lines };
}

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/;

describe('tracing without OTEL_EXPORTER_OTLP_ENDPOINT', () => {
  it('starts nothing and leaves headers, spans and log lines as they were', async () => {
    const tracing = startTracing('kit-test', { endpoint: null });
    expect(tracing.enabled).toBe(false);
    expect(tracingEnabled()).toBe(false);
    const headers = { 'event-type': 'post.created' };
    const sends = [
      { key: 'k', headers: { traceparent: `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01` } },
    ];
    const names: string[] = [];
    await inSpan('kit-test', 'outer', {}, async (span) => {
      names.push(span.isRecording() ? 'recording' : 'not recording');
      injectTraceContext(headers);
      traceSend('kit-test', 'topic', sends)();
    });
    expect(names).toEqual(['not recording']);
    expect(headers).toEqual({ 'event-type': 'post.created' });
    expect(sends[0].headers.traceparent).toBe(`00-${'a'.repeat(32)}-${'b'.repeat(16)}-01`);
    expect(messageTraceContext({ traceparent: sends[0].headers.traceparent })).toBeUndefined();
    const { logger, lines } = capturedLogger();
    logger.info('a line');
    expect(Object.keys(lines[0])).not.toContain('trace_id');
  });
});

describe('tracing with an endpoint', () => {
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
  let tracing: Tracing;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    tracing = startTracing('kit-test', { endpoint: receiver.url });
  });
  afterAll(async () => {
    await tracing.shutdown();
    await receiver.close();
  });

  it('a second service in the same process shares the one SDK', () => {
    expect(startTracing('other', { endpoint: receiver.url })).toBe(tracing);
  });

  it('puts the active span on log lines and into outbox headers, and exports it', async () => {
    const { logger, lines } = capturedLogger();
    const headers: Record<string, string> = {};
    const ids = await inSpan('kit-test', 'write', {}, async (span) => {
      logger.info('inside');
      injectTraceContext(headers);
      return span.spanContext();
    });
    logger.info('outside');
    expect(lines[0]).toMatchObject({ msg: 'inside', trace_id: ids.traceId, span_id: ids.spanId });
    expect(Object.keys(lines[1])).not.toContain('trace_id');
    expect(traceLogFields()).toEqual({});
    expect(headers.traceparent).toBe(`00-${ids.traceId}-${ids.spanId}-01`);
    const exported = await waitFor('the span at the receiver', async () => {
      await tracing.flush();
      return receiver.spans.find((span) => span.spanId === ids.spanId);
    });
    expect(exported).toMatchObject({ name: 'write', scope: 'kit-test', service: 'kit-test' });
  });

  it('continues a message trace through the send and the consumer, and fails a span with its error', async () => {
    const write = await inSpan('kit-test', 'write', {}, async (span) => span.spanContext());
    const traced = {
      key: 'member-1',
      headers: { traceparent: `00-${write.traceId}-${write.spanId}-01` },
    };
    const untraced = { key: 'member-2', headers: { 'event-type': 'post.created' } };
    const end = traceSend('kit-test', 'events', [traced, untraced]);
    end(new Error('broker away'));
    expect(untraced.headers).toEqual({ 'event-type': 'post.created' });
    const [, traceId, sendId] = TRACEPARENT.exec(traced.headers.traceparent) ?? [];
    expect(traceId).toBe(write.traceId);
    expect(sendId).not.toBe(write.spanId);

    const origin = messageTraceContext({ traceparent: Buffer.from(traced.headers.traceparent) });
    const applied = await inChunkSpan(
      'kit-test',
      { topic: 'events', partition: 2, origins: [origin, undefined] },
      () =>
        inMessageSpan('kit-test', 'apply post.created', origin, async () =>
          trace.getActiveSpan()?.spanContext(),
        ),
    );
    const spans = await waitFor('the send and apply spans', async () => {
      await tracing.flush();
      const found = receiver.spans.filter((s) => s.traceId === write.traceId);
      return found.length >= 3 && found;
    });
    const send = spans.find((s) => s.spanId === sendId);
    expect(send).toMatchObject({
      name: 'send events',
      kind: KIND.producer,
      parentSpanId: write.spanId,
      attributes: { 'messaging.kafka.message.key': 'member-1', 'error.type': 'Error' },
    });
    const apply = spans.find((s) => s.spanId === applied?.spanId);
    expect(apply).toMatchObject({ kind: KIND.consumer, parentSpanId: sendId });
    const chunk = receiver.spans.find((s) => s.spanId === apply?.links[0]?.spanId);
    expect(chunk).toMatchObject({
      name: 'process events',
      parentSpanId: '',
      links: [{ traceId: write.traceId, spanId: sendId }],
      attributes: { 'messaging.destination.partition.id': '2', 'messaging.batch.message_count': 2 },
    });
  });
});
