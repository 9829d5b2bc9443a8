import { z } from 'zod';

const id = z.string().uuid();
const instant = z.string().datetime({ offset: false });

/**
 * Payload of each event type, version 1. Ids only: the feed resolves content through activity.
 * `member.*` events come from members (its own outbox and topic), the rest from activity.
 */
export const payloadSchemas = {
  'post.created': z.object({ postId: id, authorId: id, createdAt: instant }).strict(),
  'post.edited': z.object({ postId: id, authorId: id, editedAt: instant }).strict(),
  'post.deleted': z.object({ postId: id, authorId: id }).strict(),
  'follow.created': z.object({ followerId: id, followeeId: id }).strict(),
  'follow.deleted': z.object({ followerId: id, followeeId: id }).strict(),
  'like.created': z.object({ postId: id, postAuthorId: id, likerId: id }).strict(),
  'like.deleted': z.object({ postId: id, postAuthorId: id, likerId: id }).strict(),
  'comment.created': z
    .object({ commentId: id, postId: id, postAuthorId: id, authorId: id })
    .strict(),
  'comment.deleted': z
    .object({ commentId: id, postId: id, postAuthorId: id, authorId: id })
    .strict(),
  // The account is gone: activity and feed remove everything of the member's.
  'member.deleted': z.object({ memberId: id }).strict(),
} as const;

export type EventType = keyof typeof payloadSchemas;
export type PayloadOf<T extends EventType> = z.infer<(typeof payloadSchemas)[T]>;

export const EVENT_TYPES = Object.keys(payloadSchemas) as EventType[];
