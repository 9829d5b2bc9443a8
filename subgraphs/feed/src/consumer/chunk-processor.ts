import { setTimeout as sleep } from 'node:timers/promises';
import type { EntityManager } from '@mikro-orm/mysql';
import { parseEvent, type ActivityEvent } from '@social/events';
import { inChunkSpan, messageTraceContext, type Clock, type Logger } from '@social/kit';
import type { KafkaMessage, Producer } from '@social/kit/kafka';
import { Counter, type Registry } from 'prom-client';
import { sendToDeadLetter } from './dead-letter';
import { handleEvents, type EventOrigins, type HandleOutcome } from './event-handler';
import { failureReason, isTransientFailure } from './handler-failures';
import type { FeedConfig } from '../config';

/**
 * Handles a leading run of `messages` (at least one) and answers how many it handled.
 * `heartbeat` keeps the group membership alive while one chunk takes several transactions.
 */
export type ProcessChunk = (
  topic: string,
  partition: number,
  messages: KafkaMessage[],
  heartbeat: () => Promise<void>,
) => Promise<number>;

export interface ChunkProcessorDeps {
  em: EntityManager;
  config: FeedConfig;
  clock: Clock;
  producer: Producer;
  deadLetterTopic: string;
  /** Transactions an event gets on its own before it is parked as poison. */
  poisonMaxAttempts: number;
  registry: Registry;
  log: Logger;
}

interface Parsed {
  message: KafkaMessage;
  event?: ActivityEvent;
  /** Why the message goes to the dead-letter topic: it does not parse, or it is poison. */
  reason?: string;
}

type Valid = Parsed & { event: ActivityEvent };

/** The partition a chunk comes from, for logs and spans, and its batch's heartbeat. */
interface Place {
  topic: string;
  partition: number;
  heartbeat: () => Promise<void>;
}

/** What became of a valid event; `poisoned` ones fail on their own and are parked. */
type Outcome = HandleOutcome | 'poisoned';

/** Label values of feed_dead_letters_total: a fixed set, whatever the reason header says. */
type DeadLetterKind = 'malformed' | 'handler_failed';

// Between two tries of a failing event: long enough for a passing hiccup, short enough that
// FEED_POISON_MAX_ATTEMPTS (10 at most) tries hold the partition for seconds, not minutes.
const BACKOFF_BASE_MS = 50;
const BACKOFF_MAX_MS = 1000;

/**
 * The valid events of a run of messages go into one DB transaction; malformed or unknown ones
 * are parked in the dead-letter topic after it commits, so they never hold up or roll back
 * their neighbours. Both happen before the caller commits the offsets: a crash in between
 * means a redelivery that processed_events turns into a no-op (and a dead letter parked twice).
 *
 * A transaction that fails for a reason other than a transient one (see handler-failures.ts)
 * is replayed one event per transaction up to the event that fails on its own; that one gets
 * `poisonMaxAttempts` tries in all and is then parked too, with the error as its reason, so a
 * bug or an unexpected constraint costs one event, not the partition. Transient failures are
 * rethrown: kafkajs retries the batch and nothing is parked for a database that is away.
 */
export function createChunkProcessor(deps: ChunkProcessorDeps): ProcessChunk {
  const outcomes = new Counter({
    name: 'feed_events_total',
    help: 'Activity events seen by the feed consumer, by outcome',
    labelNames: ['outcome'],
    registers: [deps.registry],
  });
  const deadLetters = new Counter({
    name: 'feed_dead_letters_total',
    help: 'Activity events parked in the dead-letter topic, by reason (malformed, handler_failed)',
    labelNames: ['reason'],
    registers: [deps.registry],
  });
  for (const reason of ['malformed', 'handler_failed'] satisfies DeadLetterKind[])
    deadLetters.inc({ reason }, 0);

  /**
   * Applies `valid` as one transaction; on a lasting failure, one by one to the poison. The
   * transaction gets a span of its own linked to each event's trace (one chunk holds events of
   * many requests, so no one of them can be its parent); each event's effects get a span in
   * that event's own trace (event-handler.ts), the fan-out its request caused.
   */
  async function apply(valid: Valid[], at: Place): Promise<Outcome[]> {
    const origins: EventOrigins = new Map(
      valid.map(({ event, message }) => [event.id, messageTraceContext(message.headers)]),
    );
    try {
      const chunk = { topic: at.topic, partition: at.partition, origins: [...origins.values()] };
      return await inChunkSpan('feed', chunk, () =>
        handleEvents(
          valid.map((item) => item.event),
          deps,
          origins,
        ),
      );
    } catch (error) {
      if (isTransientFailure(error)) throw error;
      // A chunk of one already was that event's first try on its own.
      if (valid.length === 1) return [await applyAlone(valid[0], at, origins, error)];
      const results: Outcome[] = [];
      for (const item of valid) {
        await at.heartbeat();
        const outcome = await applyAlone(item, at, origins);
        results.push(outcome);
        // The rest go back to ordinary chunks.
        if (outcome === 'poisoned') break;
      }
      return results;
    }
  }

  /** Tries one event in a transaction of its own; `poisoned` (and its reason set) when all fail. */
  async function applyAlone(
    item: Valid,
    at: Place,
    origins: EventOrigins,
    firstError?: unknown,
  ): Promise<Outcome> {
    let error = firstError;
    let attempts = firstError === undefined ? 0 : 1;
    const where = { eventId: item.event.id, partition: at.partition, offset: item.message.offset };
    while (attempts < deps.poisonMaxAttempts) {
      if (attempts > 0) {
        deps.log.warn({ ...where, attempts, err: error }, 'event failed on its own: retrying');
        await sleep(Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (attempts - 1)));
        await at.heartbeat();
      }
      try {
        const [outcome = 'duplicate'] = await handleEvents([item.event], deps, origins);
        return outcome;
      } catch (failure) {
        if (isTransientFailure(failure)) throw failure;
        error = failure;
        attempts += 1;
      }
    }
    item.reason = `handler failed: ${failureReason(error)}`;
    deps.log.error(
      { ...where, eventType: item.event.type, attempts, err: error },
      'event failed every attempt: parking it',
    );
    return 'poisoned';
  }

  return async (topic, partition, messages, heartbeat) => {
    const parsed: Parsed[] = messages.map((message) => {
      const result = parseEvent(message.value);
      return result.ok ? { message, event: result.event } : { message, reason: result.reason };
    });
    const valid = parsed.filter((item): item is Valid => item.event !== undefined);
    const results = valid.length > 0 ? await apply(valid, { topic, partition, heartbeat }) : [];
    const nextValid = valid[results.length];
    const handled = nextValid ? parsed.indexOf(nextValid) : parsed.length;
    for (const [i, outcome] of results.entries()) {
      if (outcome === 'poisoned') continue;
      outcomes.inc({ outcome });
      const { event, message } = valid[i];
      // Rare (a crash or rebalance between the DB commit and the offset commit), so worth a line.
      if (outcome === 'duplicate')
        deps.log.info(
          { eventId: event.id, partition, offset: message.offset },
          'event already applied: skipped',
        );
    }
    // In offset order, the malformed and the poisoned alike.
    for (const { message, event, reason } of parsed.slice(0, handled)) {
      if (reason === undefined) continue;
      await sendToDeadLetter(deps.producer, deps.deadLetterTopic, {
        topic,
        partition,
        message,
        reason,
      });
      outcomes.inc({ outcome: 'dead_lettered' });
      deadLetters.inc({ reason: event ? 'handler_failed' : 'malformed' });
      deps.log.warn(
        { eventId: event?.id, partition, offset: message.offset, reason },
        'event sent to the dead-letter topic',
      );
    }
    return handled;
  };
}
