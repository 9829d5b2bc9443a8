import {
  ACTIVITY_TOPIC,
  HEADERS,
  eventKey,
  serializeEvent,
  type ActivityEvent,
} from '@social/events';
import { injectTraceContext } from '@social/kit';
import type { Sql } from '@social/kit/orm';

/**
 * Writes an event row. Call it inside the transaction of the change it describes, after
 * that change: a failed mutation then leaves no row, and the id order follows lock order.
 * The headers carry the write's trace context (`traceparent`, `tracestate`) when tracing is on,
 * so the relay's send and the feed's handling join the trace of the request that wrote it.
 */
export async function writeEvent(tx: Sql, event: ActivityEvent, requestId?: string): Promise<void> {
  const headers: Record<string, string> = { [HEADERS.eventType]: event.type };
  if (requestId) headers[HEADERS.requestId] = requestId;
  injectTraceContext(headers);
  await tx.run(
    'insert into outbox (event_id, topic, `key`, payload, headers, created_at) values (?, ?, ?, ?, ?, ?)',
    [
      event.id,
      ACTIVITY_TOPIC.topic,
      eventKey(event),
      serializeEvent(event),
      JSON.stringify(headers),
      new Date(),
    ],
  );
}

/**
 * The last step of every mutation: runs `write` (it answers how many rows it changed) and, only
 * when a row really changed, adds `event` in the same transaction. Repeated follows or likes
 * change nothing, so they emit nothing. Answers whether a row changed.
 */
export async function writeChange(
  tx: Sql,
  write: () => Promise<number>,
  event: () => ActivityEvent,
  requestId?: string,
): Promise<boolean> {
  if ((await write()) === 0) return false;
  await writeEvent(tx, event(), requestId);
  return true;
}
