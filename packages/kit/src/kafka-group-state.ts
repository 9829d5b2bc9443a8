import type { Consumer } from './kafka-consumer-types';
import type { Logger } from './logger';

export type ConsumerState = 'idle' | 'joining' | 'running' | 'crashed' | 'stopped';

/**
 * Follows the consumer's group membership from kafkajs instrumentation events, for /readyz
 * and for tests that wait on an assignment. `assigned` lists the partitions of `topic`.
 */
export function trackGroupState(consumer: Consumer, topic: string, log: Logger) {
  let state: ConsumerState = 'idle';
  let assigned: number[] = [];
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    if (state === 'stopped') return;
    state = 'running';
    assigned = [...(payload.memberAssignment[topic] ?? [])].sort((a, b) => a - b);
    log.info({ partitions: assigned }, 'joined consumer group');
  });
  consumer.on(consumer.events.REBALANCING, () => {
    if (state !== 'stopped') state = 'joining';
  });
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    // kafkajs restarts after retriable failures; otherwise the consumer is gone for good.
    if (state !== 'stopped') state = payload.restart ? 'joining' : 'crashed';
    log.error({ err: payload.error, restart: payload.restart }, 'consumer crashed');
  });
  return {
    state: (): ConsumerState => state,
    assigned: (): number[] => (state === 'running' ? assigned : []),
    set: (next: ConsumerState) => void (state = next),
  };
}
