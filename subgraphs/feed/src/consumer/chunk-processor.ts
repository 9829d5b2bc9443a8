import type { EntityManager } from '@mikro-orm/mysql';
import { parseEvent, type ActivityEvent } from '@social/events';
import type { Clock, Logger } from '@social/kit';
import type { KafkaMessage, Producer } from '@social/kit/kafka';
import { Counter, type Registry } from 'prom-client';
import { sendToDeadLetter } from './dead-letter';
import { handleEvents } from './event-handler';
import type { FeedConfig } from '../config';

/** Handles a leading run of `messages` (at least one) and answers how many it handled. */
export type ProcessChunk = (
  topic: string,
  partition: number,
  messages: KafkaMessage[],
) => Promise<number>;

export interface ChunkProcessorDeps {
  em: EntityManager;
  config: FeedConfig;
  clock: Clock;
  producer: Producer;
  deadLetterTopic: string;
  registry: Registry;
  log: Logger;
}

interface Parsed {
  message: KafkaMessage;
  event?: ActivityEvent;
  reason?: string;
}

/**
 * The valid events of a run of messages go into one DB transaction; malformed or unknown ones
 * are parked in the dead-letter topic after it commits, so they never hold up or roll back
 * their neighbours. Both happen before the caller commits the offsets: a crash in between
 * means a redelivery that processed_events turns into a no-op (and a dead letter parked twice).
 */
export function createChunkProcessor(deps: ChunkProcessorDeps): ProcessChunk {
  const outcomes = new Counter({
    name: 'feed_events_total',
    help: 'Activity events seen by the feed consumer, by outcome',
    labelNames: ['outcome'],
    registers: [deps.registry],
  });
  return async (topic, partition, messages) => {
    const parsed: Parsed[] = messages.map((message) => {
      const result = parseEvent(message.value);
      return result.ok ? { message, event: result.event } : { message, reason: result.reason };
    });
    const valid = parsed.filter(
      (item): item is Parsed & { event: ActivityEvent } => item.event !== undefined,
    );
    const results =
      valid.length > 0
        ? await handleEvents(
            valid.map((item) => item.event),
            deps,
          )
        : [];
    const nextValid = valid[results.length];
    const handled = nextValid ? parsed.indexOf(nextValid) : parsed.length;
    for (const [i, outcome] of results.entries()) {
      outcomes.inc({ outcome });
      const { event, message } = valid[i] as Parsed & { event: ActivityEvent };
      // Rare (a crash or rebalance between the DB commit and the offset commit), so worth a line.
      if (outcome === 'duplicate')
        deps.log.info(
          { eventId: event.id, partition, offset: message.offset },
          'event already applied: skipped',
        );
    }
    for (const { message, reason } of parsed.slice(0, handled)) {
      if (reason === undefined) continue;
      await sendToDeadLetter(deps.producer, deps.deadLetterTopic, {
        topic,
        partition,
        message,
        reason,
      });
      outcomes.inc({ outcome: 'dead_lettered' });
      deps.log.warn(
        { partition, offset: message.offset, reason },
        'event sent to the dead-letter topic',
      );
    }
    return handled;
  };
}
