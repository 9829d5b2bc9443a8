import type { Viewer } from '@social/kit';
import { createCountLoader, createMembershipLoader } from '../shared/batch-loaders';
import { createPageLoader } from '../shared/page-loader';
import type { Sql } from '@social/kit/orm';
import {
  countFollowers,
  countFollowing,
  followedBy,
  followersOf,
  followingOf,
} from './follow.repository';

/** Per-request loaders of the follow graph. */
export function createFollowLoaders(sql: Sql, viewer: Viewer | null) {
  return {
    followerCount: createCountLoader((ids) => countFollowers(sql, ids)),
    followingCount: createCountLoader((ids) => countFollowing(sql, ids)),
    followers: createPageLoader(sql, followersOf),
    following: createPageLoader(sql, followingOf),
    viewerFollows: viewer
      ? createMembershipLoader((ids) => followedBy(sql, viewer.userId, ids))
      : null,
  };
}
