import {
  ACTIVITY_TOPIC,
  HEADERS,
  eventKey,
  serializeEvent,
  type ActivityEvent,
} from '@social/events';
import type { Sql } from '@social/kit/orm';
import { writeOutboxRow } from '@social/kit/outbox';

/**
 * Writes an activity event into the outbox. Call it inside the transaction of the change it
 * describes, after that change: a failed mutation then leaves no row.
 */
export async function writeEvent(tx: Sql, event: ActivityEvent, requestId?: string): Promise<void> {
  const headers: Record<string, string> = { [HEADERS.eventType]: event.type };
  if (requestId) headers[HEADERS.requestId] = requestId;
  await writeOutboxRow(tx, {
    eventId: event.id,
    topic: ACTIVITY_TOPIC.topic,
    key: eventKey(event),
    value: serializeEvent(event),
    headers,
  });
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
