import type { KafkaMessage } from '@social/kit/kafka';
import { waitFor } from '@social/testkit';
import type { KafkaHarness } from './kafka-harness';

export function header(message: KafkaMessage | undefined, name: string): string | undefined {
  return message?.headers?.[name]?.toString();
}

/** Reads the harness's dead-letter topic from its start until `count` letters have arrived. */
export async function readDeadLetters(
  harness: KafkaHarness,
  count: number,
): Promise<KafkaMessage[]> {
  const reader = harness.kafka.consumer({
    groupId: `${harness.groupId}-dlq-reader`,
    maxWaitTimeInMs: 200,
  });
  const seen: KafkaMessage[] = [];
  await reader.connect();
  await reader.subscribe({ topic: harness.deadLetterTopic, fromBeginning: true });
  await reader.run({ eachMessage: async ({ message }) => void seen.push(message) });
  try {
    await waitFor(`${count} dead letters`, () => seen.length >= count);
    return seen;
  } finally {
    await reader.disconnect();
  }
}
