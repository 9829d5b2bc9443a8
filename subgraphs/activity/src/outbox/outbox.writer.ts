import type { EntityManager } from '@mikro-orm/mysql';
import {
  ACTIVITY_TOPIC,
  HEADERS,
  eventKey,
  serializeEvent,
  type ActivityEvent,
} from '@social/events';
import { run } from '../shared/sql';

/**
 * Writes an event row. Call it inside the transaction of the change it describes, after
 * that change: a failed mutation then leaves no row, and the id order follows lock order.
 */
export async function writeEvent(
  tx: EntityManager,
  event: ActivityEvent,
  requestId?: string,
): Promise<void> {
  const headers: Record<string, string> = { [HEADERS.eventType]: event.type };
  if (requestId) headers[HEADERS.requestId] = requestId;
  await run(
    tx,
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
