import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { payloadSchemas, type EventType, type PayloadOf } from './payloads';

export const CURRENT_VERSION = 1;

const envelopeSchema = z
  .object({
    id: z.string().uuid(),
    type: z.string(),
    version: z.number().int().positive(),
    occurredAt: z.string().datetime({ offset: false }),
    actorId: z.string().uuid(),
    payload: z.unknown(),
  })
  .strict();

/** Every event on the wire: versioned JSON with an envelope (ARCHITECTURE.md). */
export type ActivityEvent = {
  [T in EventType]: {
    id: string;
    type: T;
    version: number;
    occurredAt: string;
    actorId: string;
    payload: PayloadOf<T>;
  };
}[EventType];

export type EventOf<T extends EventType> = Extract<ActivityEvent, { type: T }>;

export function createEvent<T extends EventType>(
  type: T,
  actorId: string,
  payload: PayloadOf<T>,
  occurredAt: Date = new Date(),
): EventOf<T> {
  return {
    id: randomUUID(),
    type,
    version: CURRENT_VERSION,
    occurredAt: occurredAt.toISOString(),
    actorId,
    payload: payloadSchemas[type].parse(payload),
  } as EventOf<T>;
}

export type ParseResult = { ok: true; event: ActivityEvent } | { ok: false; reason: string };

/**
 * Validates a message from the wire. Never throws: a malformed or unknown event is a value
 * the consumer sends to the dead-letter topic with this reason.
 */
export function parseEvent(raw: Buffer | string | null): ParseResult {
  if (raw === null) return { ok: false, reason: 'empty message' };
  let json: unknown;
  try {
    json = JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8'));
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) return { ok: false, reason: `bad envelope: ${summarize(envelope.error)}` };
  const { type, version } = envelope.data;
  if (!(type in payloadSchemas))
    return { ok: false, reason: `unknown event type ${JSON.stringify(type)}` };
  if (version !== CURRENT_VERSION)
    return { ok: false, reason: `unsupported version ${version} of ${type}` };
  const payload = payloadSchemas[type as EventType].safeParse(envelope.data.payload);
  if (!payload.success)
    return { ok: false, reason: `bad ${type} payload: ${summarize(payload.error)}` };
  return { ok: true, event: { ...envelope.data, payload: payload.data } as ActivityEvent };
}

export function serializeEvent(event: ActivityEvent): string {
  return JSON.stringify(event);
}

function summarize(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'} ${issue.message}`)
    .join('; ');
}
