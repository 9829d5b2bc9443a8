import { randomBytes } from 'node:crypto';

/** The broker `npm test` started (or the one KAFKA_BROKERS names). */
export const TEST_KAFKA_BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');

/** Unique names keep test files from reading each other's messages. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${process.pid}-${randomBytes(4).toString('hex')}`;
}
