/**
 * The transactional outbox (ARCHITECTURE.md): a service writes its events into its own `outbox`
 * table in the transaction of the change, and one relay per service (a MySQL lock elects it)
 * publishes them to Kafka in id order. Activity and members both use it.
 */
export { createOutboxRelay, relaySettingsFromEnv } from './relay';
export type { OutboxRelay, OutboxRelayDeps, RelaySettings, RelayState } from './relay';
export { createOutboxSignal, type OutboxSignal } from './outbox.signal';
export {
  writeOutboxRow,
  outboxTableDdl,
  outboxStampSql,
  UNPUBLISHED,
  UNPUBLISHED_AT,
  type OutboxMessage,
} from './outbox.writer';
