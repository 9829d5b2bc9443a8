import { randomBytes } from 'node:crypto';
import type { Admin, Kafka } from '@social/kit/kafka';

/** The broker `npm test` started (or the one KAFKA_BROKERS names). */
export const TEST_KAFKA_BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');

/** Unique names keep test files from reading each other's messages. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** Runs `use` with a connected admin client, disconnected after. */
export async function withAdmin<T>(kafka: Kafka, use: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await use(admin);
  } finally {
    await admin.disconnect();
  }
}

/** Messages of `topic` that the group has not committed yet, over all partitions. */
export function groupLag(kafka: Kafka, topic: string, groupId: string): Promise<number> {
  return withAdmin(kafka, async (admin) => {
    const ends = await admin.fetchTopicOffsets(topic);
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const done = new Map((committed?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
    return ends.reduce(
      (sum, end) => sum + Number(end.high) - Math.max(done.get(end.partition) ?? 0, 0),
      0,
    );
  });
}
