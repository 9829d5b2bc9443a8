import type { EntityManager } from '@mikro-orm/mysql';
import { createEvent, type ActivityEvent } from '@social/events';
import type { Logger } from '@social/kit';
import { list, type Sql } from '@social/kit/orm';
import type { OutboxSignal } from '@social/kit/outbox';
import { markMemberDeleted } from '../follow/follow.repository';
import { writeEvent } from '../outbox/outbox.writer';
import { bumpEach } from '../post/post-counts.repository';
import { inTransaction } from '../shared/transaction';

/** Rows one transaction removes: bounds its locks and undo, however active the member was. */
export const DELETION_ROUND = 500;

export interface RemovedCounts {
  comments: number;
  likes: number;
  follows: number;
  posts: number;
}

/** What one round of a step removed, and the events that say so. */
interface Round {
  rows: number;
  events: ActivityEvent[];
}

/** One kind of the member's rows: `take` removes up to `limit` of them in the caller's transaction. */
interface Step {
  kind: keyof RemovedCounts;
  take(tx: Sql, memberId: string, limit: number): Promise<Round>;
}

const NOTHING: Round = { rows: 0, events: [] };

function eachRow(events: ActivityEvent[]): Round {
  return { rows: events.length, events };
}

/**
 * member.deleted: removes everything of the member's in rounds of DELETION_ROUND rows, each
 * round one transaction with its events in the outbox, so every count and feed downstream stays
 * exact. Comments and likes first (while their posts still exist to name the post's author),
 * then follows both ways, then posts, whose others' likes and comments go with them (the feed
 * drops a post's notifications on post.deleted). Idempotent: run again, it finds nothing and
 * emits nothing, which is what makes a redelivered event harmless.
 */
export async function removeMember(
  deps: { em: EntityManager; outbox: OutboxSignal; log: Logger },
  memberId: string,
  requestId?: string,
): Promise<RemovedCounts> {
  const removed: RemovedCounts = { comments: 0, likes: 0, follows: 0, posts: 0 };
  const context = { ...deps, em: deps.em.fork(), refreshLoaders: () => undefined };
  // First, so no follow of the member commits after the follows round (follow.repository.ts).
  await inTransaction(context, (tx) => markMemberDeleted(tx, memberId, new Date()));
  for (const step of STEPS) {
    for (;;) {
      const round = await inTransaction(context, async (tx) => {
        const taken = await step.take(tx, memberId, DELETION_ROUND);
        for (const event of taken.events) await writeEvent(tx, event, requestId);
        return taken;
      });
      removed[step.kind] += round.rows;
      if (round.rows < DELETION_ROUND) break;
    }
  }
  return removed;
}

const STEPS: Step[] = [
  {
    kind: 'comments',
    async take(tx, memberId, limit) {
      const rows = await tx.all<{ id: string; post_id: string; post_author_id: string }>(
        `select c.id, c.post_id, p.author_id as post_author_id
         from comments c join posts p on p.id = c.post_id
         where c.author_id = ? order by c.id limit ? for update`,
        [memberId, limit],
      );
      if (rows.length === 0) return NOTHING;
      await tx.run(
        `delete from comments where id in (${list(rows.length)})`,
        rows.map((row) => row.id),
      );
      await bumpEach(
        tx,
        rows.map((row) => row.post_id),
        'comments',
      );
      return eachRow(
        rows.map((row) =>
          createEvent('comment.deleted', memberId, {
            commentId: row.id,
            postId: row.post_id,
            postAuthorId: row.post_author_id,
            authorId: memberId,
          }),
        ),
      );
    },
  },
  {
    kind: 'likes',
    async take(tx, memberId, limit) {
      const rows = await tx.all<{ post_id: string; post_author_id: string }>(
        `select l.post_id, p.author_id as post_author_id
         from likes l join posts p on p.id = l.post_id
         where l.user_id = ? order by l.post_id limit ? for update`,
        [memberId, limit],
      );
      if (rows.length === 0) return NOTHING;
      await tx.run(`delete from likes where user_id = ? and post_id in (${list(rows.length)})`, [
        memberId,
        ...rows.map((row) => row.post_id),
      ]);
      await bumpEach(
        tx,
        rows.map((row) => row.post_id),
        'likes',
      );
      return eachRow(
        rows.map((row) =>
          createEvent('like.deleted', memberId, {
            postId: row.post_id,
            postAuthorId: row.post_author_id,
            likerId: memberId,
          }),
        ),
      );
    },
  },
  followsWhere('follower_id', 'followee_id'),
  followsWhere('followee_id', 'follower_id'),
  {
    kind: 'posts',
    async take(tx, memberId, limit) {
      // Deleted posts too: their bodies are the member's data. Only live ones were in feeds.
      const rows = await tx.all<{ id: string; deleted_at: string | null }>(
        'select id, deleted_at from posts where author_id = ? order by id limit ? for update',
        [memberId, limit],
      );
      if (rows.length === 0) return NOTHING;
      const ids = rows.map((row) => row.id);
      await tx.run(`delete from likes where post_id in (${list(ids.length)})`, ids);
      await tx.run(`delete from comments where post_id in (${list(ids.length)})`, ids);
      await tx.run(`delete from posts where id in (${list(ids.length)})`, ids);
      await tx.run(`delete from post_counts where post_id in (${list(ids.length)})`, ids);
      const events = rows
        .filter((row) => row.deleted_at === null)
        .map((row) =>
          createEvent('post.deleted', memberId, { postId: row.id, authorId: memberId }),
        );
      return { rows: rows.length, events };
    },
  },
];

/** The member's follows on one side: `side` is the member's column, `other` the other one's. */
function followsWhere(
  side: 'follower_id' | 'followee_id',
  other: 'follower_id' | 'followee_id',
): Step {
  return {
    kind: 'follows',
    async take(tx, memberId, limit) {
      const rows = await tx.all<{ follower_id: string; followee_id: string }>(
        `select follower_id, followee_id from follows where ${side} = ? order by ${other} limit ? for update`,
        [memberId, limit],
      );
      if (rows.length === 0) return NOTHING;
      await tx.run(`delete from follows where ${side} = ? and ${other} in (${list(rows.length)})`, [
        memberId,
        ...rows.map((row) => row[other]),
      ]);
      return eachRow(
        rows.map((row) =>
          createEvent('follow.deleted', memberId, {
            followerId: row.follower_id,
            followeeId: row.followee_id,
          }),
        ),
      );
    },
  };
}
