import {
  context,
  INVALID_SPAN_CONTEXT,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type Span,
  type SpanOptions,
} from '@opentelemetry/api';
import type { NextFunction, Request, Response } from 'express';
import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql';
import type { startSdk as StartSdk } from './tracing-sdk';

/** A trace context as the OpenTelemetry API passes it, named for the services that hold one. */
export type { Context as TraceContext } from '@opentelemetry/api';

/** What each service's config holds: spans are exported over OTLP/HTTP only given an endpoint. */
export interface TracingConfig {
  /** OTEL_EXPORTER_OTLP_ENDPOINT; null: no SDK, the OpenTelemetry API stays a no-op. */
  endpoint: string | null;
}

/** Each service's config.ts: the one variable, read the same way by all four. */
export function tracingFromEnv(env: { OTEL_EXPORTER_OTLP_ENDPOINT?: string }): TracingConfig {
  return { endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT ?? null };
}

export interface Tracing {
  readonly enabled: boolean;
  /** Exports the spans still buffered. */
  flush(): Promise<void>;
  /** Flushes, then stops the SDK: the last closer of a service's shutdown. */
  shutdown(): Promise<void>;
}

const OFF: Tracing = { enabled: false, flush: async () => {}, shutdown: async () => {} };

/** The process's one SDK: the OpenTelemetry API it registers with is process-wide too. */
let running: Tracing | null = null;

/**
 * The first thing each service's index.ts does. Without an endpoint nothing is loaded or
 * registered, and every helper below returns at its first line. One SDK per process: the
 * first service that starts it names the resource (`service.name`); a later call in the same
 * process (the integration tests run all four services in one) shares it. Each service makes
 * its spans with a tracer of its own name, so they stay apart by instrumentation scope.
 */
export function startTracing(serviceName: string, config: TracingConfig): Tracing {
  if (!config.endpoint) return OFF;
  if (running) return running;
  // Loading the SDK and its exporter costs about 19 MB and 0.3 s: only a traced process pays.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require('./tracing-sdk') as { startSdk: typeof StartSdk };
  const sdk = loaded.startSdk(serviceName, config.endpoint);
  running = {
    enabled: true,
    flush: () => sdk.flush(),
    shutdown: async () => {
      running = null;
      await sdk.shutdown();
    },
  };
  return running;
}

export function tracingEnabled(): boolean {
  return running !== null;
}

/**
 * Runs `work` in a span of `service`'s tracer: a child of `parent` (the active context unless
 * given), active while `work` runs, failed with the error `work` throws. Untraced: just `work`.
 */
export async function inSpan<T>(
  service: string,
  name: string,
  options: SpanOptions,
  work: (span: Span) => Promise<T>,
  parent?: Context,
): Promise<T> {
  if (!running) return work(trace.wrapSpanContext(INVALID_SPAN_CONTEXT));
  const from = parent ?? context.active();
  const span = trace.getTracer(service).startSpan(name, options, from);
  try {
    return await context.with(trace.setSpan(from, span), () => work(span));
  } catch (error) {
    failSpan(span, error);
    throw error;
  } finally {
    span.end();
  }
}

/** Marks a span failed with the error's class and message (never a stack: spans leave the host). */
export function failSpan(span: Span, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  span.setStatus({ code: SpanStatusCode.ERROR, message });
  span.setAttribute('error.type', error instanceof Error ? error.constructor.name : typeof error);
}

/** pino's mixin (logger.ts): a line logged inside a span names its trace and span. */
export function traceLogFields(): { trace_id?: string; span_id?: string } {
  const span = running ? trace.getActiveSpan() : undefined;
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}

/** Writes the active trace context (`traceparent`, `tracestate`) into a plain header record. */
export function injectTraceContext(headers: Record<string, string>): void {
  if (running) propagation.inject(context.active(), headers);
}

/** The same into a fetch-style Headers object (the gateway's subgraph requests). */
export function injectTraceHeaders(headers: { set(name: string, value: string): void }): void {
  if (running)
    propagation.inject(context.active(), headers, {
      set: (carrier, name, value) => carrier.set(name, value),
    });
}

/**
 * Express middleware for `/graphql` (kit server.ts): a SERVER span per request that continues
 * the caller's W3C `traceparent` or starts a trace, active for the rest of the request. It runs
 * after the body parser, whose stream callbacks would not keep the context.
 */
export function traceRequests(service: string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!running) return next();
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    const route = req.baseUrl || req.path;
    const span = trace.getTracer(service).startSpan(
      `${req.method} ${route}`,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': req.method,
          'http.route': route,
          'social.request_id': req.id,
        },
      },
      parent,
    );
    res.once('close', () => {
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(parent, span), next);
  };
}

/**
 * A span around each root field of a subgraph (`Mutation.createPost`, `Query._entities`): the
 * resolvers that start the database work, which runs inside them. Not every field: nested
 * fields read through the request's DataLoaders, whose batches are the parent's work.
 */
export function traceRootFields(schema: GraphQLSchema, service: string): void {
  for (const type of [schema.getQueryType(), schema.getMutationType()]) {
    for (const field of Object.values(type?.getFields() ?? {})) {
      const resolve = field.resolve;
      if (!type || !resolve || field.name === '_service') continue;
      const name = `${type.name}.${field.name}`;
      const traced: GraphQLFieldResolver<unknown, unknown> = (source, args, ctx, info) =>
        running
          ? inSpan(service, name, { attributes: { 'graphql.field.path': name } }, async () =>
              resolve(source, args, ctx, info),
            )
          : resolve(source, args, ctx, info);
      field.resolve = traced;
    }
  }
}
