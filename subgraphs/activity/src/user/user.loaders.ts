import type { EntityManager } from '@mikro-orm/mysql';
import type { Viewer } from '@social/kit';
import { createCountLoader, createMembershipLoader } from '../shared/count-loader';
import { createPageLoader } from '../shared/page-loader';
import { toDate } from '../shared/sql';
import type { UserRef } from './user.type';

function followPages(em: EntityManager, parentColumn: string, otherColumn: string) {
  return createPageLoader<{ user: UserRef; at: Date }, { id: string; at: string }>(em, {
    table: 'follows',
    parentColumn,
    atColumn: 'created_at',
    idColumn: otherColumn,
    columns: `${otherColumn} as id, created_at as at`,
    map: (row) => ({ user: { id: row.id }, at: toDate(row.at) }),
    cursorOf: (item) => ({ at: item.at, id: item.user.id }),
  });
}

/** Per-request loaders of the follow graph. */
export function createUserLoaders(em: EntityManager, viewer: Viewer | null) {
  return {
    followerCount: createCountLoader(em, 'follows', 'followee_id'),
    followingCount: createCountLoader(em, 'follows', 'follower_id'),
    followers: followPages(em, 'followee_id', 'follower_id'),
    following: followPages(em, 'follower_id', 'followee_id'),
    viewerFollows: viewer
      ? createMembershipLoader(em, 'follows', 'follower_id', 'followee_id', viewer.userId)
      : null,
  };
}
