import type { ActivityEvent } from './envelope';

/**
 * One topic for every activity event, so that all events about one member (their posts,
 * follows of them, likes and comments on their posts) share a partition and stay in order.
 */
export const ACTIVITY_TOPIC = { topic: 'activity-events.v1', numPartitions: 6 } as const;

/** Members' events (member.deleted), written by members' own outbox; keyed by the member. */
export const MEMBER_TOPIC = { topic: 'member-events.v1', numPartitions: 6 } as const;

/**
 * Where a consumer puts what it cannot process, with the reason and the original topic in
 * headers (one dead-letter topic for both sources: the headers say where a message came from).
 */
export const DEAD_LETTER_TOPIC = { topic: 'activity-events.v1.dlq', numPartitions: 1 } as const;

/** What activity's relay ensures before it publishes. */
export const TOPICS = [ACTIVITY_TOPIC, DEAD_LETTER_TOPIC];

/** What members' relay ensures before it publishes. */
export const MEMBER_TOPICS = [MEMBER_TOPIC];

/** The topic an event is published on. */
export function topicOf(event: ActivityEvent): string {
  return event.type.startsWith('member.') ? MEMBER_TOPIC.topic : ACTIVITY_TOPIC.topic;
}

/** The member whose timeline or notifications the event is about. */
export function eventKey(event: ActivityEvent): string {
  switch (event.type) {
    case 'member.deleted':
      return event.payload.memberId;
    case 'post.created':
    case 'post.edited':
    case 'post.deleted':
      return event.payload.authorId;
    case 'follow.created':
    case 'follow.deleted':
      return event.payload.followeeId;
    case 'like.created':
    case 'like.deleted':
    case 'comment.created':
    case 'comment.deleted':
      return event.payload.postAuthorId;
  }
}

/** Kafka headers carried with each event. */
export const HEADERS = {
  eventType: 'event-type',
  requestId: 'x-request-id',
  deadLetterReason: 'dead-letter-reason',
  /** Where a dead-lettered message was read from, so it can be found and replayed. */
  originalTopic: 'dead-letter-original-topic',
  originalPartition: 'dead-letter-original-partition',
  originalOffset: 'dead-letter-original-offset',
} as const;
