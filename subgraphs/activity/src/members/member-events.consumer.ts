import type { EntityManager } from '@mikro-orm/mysql';
import { HEADERS, MEMBER_TOPIC, parseEvent } from '@social/events';
import type { Logger } from '@social/kit';
import { ensureTopics, trackGroupState, type Kafka } from '@social/kit/kafka';
import type { OutboxSignal } from '@social/kit/outbox';
import { removeMember } from './member-deletion.service';
import type { UserDirectory } from './user-directory';

export interface MemberEventsSettings {
  topic: string;
  groupId: string;
}

export interface MemberEventsDeps {
  kafka: Kafka;
  em: EntityManager;
  logger: Logger;
  outbox: OutboxSignal;
  users: UserDirectory;
  settings: MemberEventsSettings;
}

/**
 * Consumes members' events (member.deleted) in a group of activity's own: one instance removes
 * a deleted member's rows (member-deletion.service.ts). The offset is committed after the
 * removal; a crash in between redelivers the event, and the removal run again finds nothing.
 * A removal that fails (the database away) is retried by kafkajs, holding the partition, so
 * no deletion is skipped. A malformed message cannot be acted on: it is logged and passed.
 */
export function createMemberEventsConsumer(deps: MemberEventsDeps) {
  const { settings } = deps;
  const log = deps.logger.child({ component: 'member-events', groupId: settings.groupId });
  const consumer = deps.kafka.consumer({ groupId: settings.groupId, maxWaitTimeInMs: 1_000 });
  const group = trackGroupState(consumer, settings.topic, log);
  return {
    async start(): Promise<void> {
      group.set('joining');
      // Members' relay creates it too; whichever service starts first must find it there.
      await ensureTopics(deps.kafka, [{ ...MEMBER_TOPIC, topic: settings.topic }]);
      await consumer.connect();
      await consumer.subscribe({ topic: settings.topic, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ partition, message }) => {
          const parsed = parseEvent(message.value);
          if (!parsed.ok) {
            log.error(
              { partition, offset: message.offset, reason: parsed.reason },
              'malformed member event skipped',
            );
            return;
          }
          const { event } = parsed;
          if (event.type !== 'member.deleted') return;
          const memberId = event.payload.memberId;
          deps.users.forget(memberId);
          const requestId = message.headers?.[HEADERS.requestId]?.toString();
          const removed = await removeMember({ ...deps, log }, memberId, requestId);
          log.info({ memberId, eventId: event.id, ...removed }, 'deleted member removed');
        },
      });
    },
    async stop(): Promise<void> {
      group.set('stopped');
      await consumer.disconnect();
    },
    ready(): boolean {
      return group.state() === 'running';
    },
    state: group.state,
  };
}

export type MemberEventsConsumer = ReturnType<typeof createMemberEventsConsumer>;
