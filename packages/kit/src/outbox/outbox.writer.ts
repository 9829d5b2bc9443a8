import type { Sql } from '../sql';
import { injectTraceContext } from '../tracing';

/** One message as the relay will produce it: its topic, partition key, JSON value and headers. */
export interface OutboxMessage {
  /** The event's id: unique in the table, so a retried transaction cannot write it twice. */
  eventId: string;
  topic: string;
  key: string;
  value: string;
  headers: Record<string, string>;
}

/**
 * Writes an outbox row. Call it inside the transaction of the change it describes, after
 * that change: a failed change then leaves no row, and the id order follows lock order.
 * The headers also get the write's trace context (`traceparent`, `tracestate`) when tracing is
 * on, so the relay's send and the consumer's handling join the trace of the request that wrote it.
 */
export async function writeOutboxRow(tx: Sql, message: OutboxMessage): Promise<void> {
  const headers = { ...message.headers };
  injectTraceContext(headers);
  await tx.run(
    'insert into outbox (event_id, topic, `key`, payload, headers, created_at) values (?, ?, ?, ?, ?, ?)',
    [
      message.eventId,
      message.topic,
      message.key,
      message.value,
      JSON.stringify(headers),
      new Date(),
    ],
  );
}

/**
 * The outbox table every service with events creates in a migration of its own, with its own
 * name for the id type. Unpublished rows are read by (published_at, id); published ones are
 * deleted after the relay's retention.
 */
export function outboxTableDdl(options: { idType: string; tableOptions: string }): string {
  return `CREATE TABLE IF NOT EXISTS outbox (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      event_id ${options.idType},
      topic VARCHAR(200) NOT NULL,
      \`key\` VARCHAR(200) NOT NULL,
      payload JSON NOT NULL,
      headers JSON NOT NULL,
      created_at DATETIME(3) NOT NULL,
      published_at DATETIME(3) NULL,
      UNIQUE KEY outbox_event (event_id),
      KEY outbox_unpublished (published_at, id)
    ) ${options.tableOptions}`;
}
