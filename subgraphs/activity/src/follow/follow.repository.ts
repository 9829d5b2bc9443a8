import { countGrouped, pairedWith } from '../shared/grouped.repository';
import type { KeysetSource } from '../shared/keyset.repository';
import { toDate, type Sql } from '@social/kit/orm';
import type { UserRef } from '../user/user.type';

/** One row per (follower, followee): the primary key makes a follow idempotent. */

/** 1 when the follow is new, 0 when it was there already. */
export function insertFollow(
  tx: Sql,
  followerId: string,
  followeeId: string,
  at: Date,
): Promise<number> {
  return tx.run(
    'insert ignore into follows (follower_id, followee_id, created_at) values (?, ?, ?)',
    [followerId, followeeId, at],
  );
}

/**
 * A tombstone: the member deleted their account (member.deleted). Never removed; ids are not
 * reused.
 */
export async function markMemberDeleted(tx: Sql, memberId: string, at: Date): Promise<void> {
  await tx.run('insert ignore into deleted_members (member_id, deleted_at) values (?, ?)', [
    memberId,
    at,
  ]);
}

/**
 * Whether the member deleted their account. The shared lock (on the row, or on the gap where
 * it would be) makes a deletion that starts meanwhile wait for this transaction, so its
 * follows round sees the follow this one writes.
 */
export async function isDeletedMember(tx: Sql, memberId: string): Promise<boolean> {
  const rows = await tx.all(
    'select 1 from deleted_members where member_id = ? lock in share mode',
    [memberId],
  );
  return rows.length > 0;
}

/** 1 when a follow was removed, 0 when there was none. */
export function deleteFollow(tx: Sql, followerId: string, followeeId: string): Promise<number> {
  return tx.run('delete from follows where follower_id = ? and followee_id = ?', [
    followerId,
    followeeId,
  ]);
}

export function countFollowers(sql: Sql, userIds: readonly string[]): Promise<Map<string, number>> {
  return countGrouped(sql, 'follows', 'followee_id', userIds);
}

export function countFollowing(sql: Sql, userIds: readonly string[]): Promise<Map<string, number>> {
  return countGrouped(sql, 'follows', 'follower_id', userIds);
}

/** Which of the users `followerId` follows. */
export function followedBy(
  sql: Sql,
  followerId: string,
  userIds: readonly string[],
): Promise<Set<string>> {
  return pairedWith(
    sql,
    'follows',
    { owner: 'follower_id', id: 'followee_id' },
    followerId,
    userIds,
  );
}

export interface FollowItem {
  user: UserRef;
  at: Date;
}

function followList(
  parentColumn: string,
  otherColumn: string,
): KeysetSource<FollowItem, { id: string; at: Date | string }> {
  return {
    table: 'follows',
    parentColumn,
    atColumn: 'created_at',
    idColumn: otherColumn,
    columns: `${otherColumn} as id, created_at as at`,
    map: (row) => ({ user: { id: row.id }, at: toDate(row.at) }),
    cursorOf: (item) => ({ at: item.at, id: item.user.id }),
  };
}

/** A member's followers, newest follow first. */
export const followersOf = followList('followee_id', 'follower_id');
/** Whom a member follows, newest follow first. */
export const followingOf = followList('follower_id', 'followee_id');
