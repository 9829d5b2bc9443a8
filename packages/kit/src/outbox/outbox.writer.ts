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
 * `published_at` of a row not yet published: the far future, not NULL. Marking a row then
 * rewrites its fixed-size stamp in place, while from NULL (which takes no bytes in InnoDB's row
 * formats) the record grows and is rewritten whole: 2.3-2.8x the database CPU per mark (#17,
 * 2,000-row marks of 30,000 rows). The far future rather than the zero date, so that the
 * retention's `published_at < ?` can never take an unpublished row, whichever version runs it.
 */
export const UNPUBLISHED_AT = '9999-12-31 23:59:59.999';

/** The rows still to publish, for a WHERE clause: an equality range of `outbox_unpublished`. */
export const UNPUBLISHED = `published_at = '${UNPUBLISHED_AT}'`;

/**
 * The outbox table as every service with events first creates it, in a migration of its own,
 * with its own name for the id type; `outboxStampSql` (a later migration of each) then gives
 * unpublished rows the UNPUBLISHED_AT stamp. Unpublished rows are read by (published_at, id);
 * published ones are deleted after the relay's retention. Shipped migrations call this: its
 * output never changes.
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

/**
 * Moves an outbox created by `outboxTableDdl` to the UNPUBLISHED_AT stamp; re-runnable. The
 * default first: it waits for the transactions writing the table, and every row written after
 * it (the writer leaves the column out, in any version) gets the stamp, so the UPDATE leaves no
 * NULL behind for the NOT NULL. During a rolling deploy an instance of the version before reads
 * `published_at IS NULL`, finds nothing and relays nothing: events wait for the new version's
 * relay, none is lost (and its retention, `published_at < ?`, never takes a stamped row).
 * Rolling back past this migration needs the column made NULL again and `UPDATE outbox SET
 * published_at = NULL WHERE published_at = '9999-12-31 23:59:59.999'`.
 */
export function outboxStampSql(): string[] {
  return [
    `ALTER TABLE outbox ALTER COLUMN published_at SET DEFAULT '${UNPUBLISHED_AT}'`,
    `UPDATE outbox SET published_at = '${UNPUBLISHED_AT}' WHERE published_at IS NULL`,
    `ALTER TABLE outbox MODIFY published_at DATETIME(3) NOT NULL DEFAULT '${UNPUBLISHED_AT}'`,
  ];
}
