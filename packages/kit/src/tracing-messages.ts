import {
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  trace,
  type Context,
  type Link,
  type Span,
  type TextMapGetter,
} from '@opentelemetry/api';
import type { IHeaders } from './kafka-types';
import { failSpan, inSpan, tracingEnabled } from './tracing';

/**
 * How a trace crosses Kafka. The write that emits an event stores its trace context in the
 * event's headers (the outbox row); the relay's send span continues it and puts its own
 * context in the message; the consumer continues from there for the work the event causes.
 */

const KAFKA = { 'messaging.system': 'kafka' } as const;

// Kafka header values arrive as Buffers (or arrays of them when a header repeats).
const kafkaHeaders: TextMapGetter<IHeaders> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => {
    const value = carrier[key];
    const first = Array.isArray(value) ? value[0] : value;
    return first === undefined ? undefined : first.toString();
  },
};

/** The trace context a message carries; undefined when it carries none (or tracing is off). */
export function messageTraceContext(headers: IHeaders | undefined): Context | undefined {
  if (!tracingEnabled() || !headers) return undefined;
  const extracted = propagation.extract(ROOT_CONTEXT, headers, kafkaHeaders);
  return trace.getSpanContext(extracted) ? extracted : undefined;
}

/**
 * Starts one PRODUCER span per message that carries a trace context, as that context's child,
 * and rewrites the message's `traceparent` to the span's. A message written untraced gets no
 * span: the relay never starts traces of its own. Answers the function that ends the spans
 * once the produce request is answered (failed with its error, if it failed).
 */
export function traceSend(
  service: string,
  topic: string,
  messages: Array<{ key: string; headers: Record<string, string> }>,
): (error?: unknown) => void {
  if (!tracingEnabled()) return () => {};
  const tracer = trace.getTracer(service);
  const spans: Span[] = [];
  for (const message of messages) {
    const parent = propagation.extract(ROOT_CONTEXT, message.headers);
    if (!trace.getSpanContext(parent)) continue;
    const span = tracer.startSpan(
      `send ${topic}`,
      {
        kind: SpanKind.PRODUCER,
        attributes: {
          ...KAFKA,
          'messaging.operation.type': 'send',
          'messaging.destination.name': topic,
          'messaging.kafka.message.key': message.key,
          'messaging.batch.message_count': messages.length,
        },
      },
      parent,
    );
    propagation.inject(trace.setSpan(parent, span), message.headers);
    spans.push(span);
  }
  return (error) => {
    for (const span of spans) {
      if (error !== undefined) failSpan(span, error);
      span.end();
    }
  };
}

/**
 * Runs a consumer's `work` over a chunk of one partition in a CONSUMER span of its own trace,
 * linked to the trace context of each message that carried one: a chunk holds events of many
 * requests, so none of them can be its parent.
 */
export function inChunkSpan<T>(
  service: string,
  chunk: { topic: string; partition: number; origins: Array<Context | undefined> },
  work: () => Promise<T>,
): Promise<T> {
  if (!tracingEnabled()) return work();
  const links: Link[] = [];
  for (const origin of chunk.origins) {
    const spanContext = origin && trace.getSpanContext(origin);
    if (spanContext) links.push({ context: spanContext });
  }
  const attributes = {
    ...KAFKA,
    'messaging.operation.type': 'process',
    'messaging.destination.name': chunk.topic,
    'messaging.destination.partition.id': String(chunk.partition),
    'messaging.batch.message_count': chunk.origins.length,
  };
  const options = { kind: SpanKind.CONSUMER, links, attributes };
  return inSpan(service, `process ${chunk.topic}`, options, work, ROOT_CONTEXT);
}

/**
 * Runs the work one message causes in a span of that message's trace: a child of the context
 * it carried (the relay's send span), linked to the chunk's span around it. A message that
 * carried none gets a child of the chunk's span instead.
 */
export function inMessageSpan<T>(
  service: string,
  name: string,
  origin: Context | undefined,
  work: () => Promise<T>,
): Promise<T> {
  if (!tracingEnabled()) return work();
  const chunk = trace.getActiveSpan()?.spanContext();
  const links = origin && chunk ? [{ context: chunk }] : [];
  return inSpan(service, name, { kind: SpanKind.CONSUMER, links }, work, origin);
}
