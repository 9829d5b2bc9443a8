import { HEADERS } from '@social/events';
import type { KafkaMessage, Producer } from '@social/kit/kafka';

export interface DeadLetter {
  topic: string;
  partition: number;
  message: KafkaMessage;
  reason: string;
}

/**
 * Parks an event the feed cannot process, byte for byte, with why and where it came from, so
 * the partition moves on and someone can replay it once the cause is fixed.
 */
export async function sendToDeadLetter(
  producer: Producer,
  deadLetterTopic: string,
  letter: DeadLetter,
): Promise<void> {
  const { message } = letter;
  await producer.send({
    topic: deadLetterTopic,
    messages: [
      {
        key: message.key,
        value: message.value,
        headers: {
          ...message.headers,
          [HEADERS.deadLetterReason]: letter.reason,
          [HEADERS.originalTopic]: letter.topic,
          [HEADERS.originalPartition]: String(letter.partition),
          [HEADERS.originalOffset]: message.offset,
        },
      },
    ],
  });
}
