import type { RowBudget, Viewer } from '@social/kit';
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
export function createFollowLoaders(sql: Sql, budget: RowBudget, viewer: Viewer | null) {
  return {
    followerCount: createCountLoader(budget, (ids) => countFollowers(sql, ids)),
    followingCount: createCountLoader(budget, (ids) => countFollowing(sql, ids)),
    followers: createPageLoader(sql, budget, followersOf),
    following: createPageLoader(sql, budget, followingOf),
    viewerFollows: viewer
      ? createMembershipLoader(budget, (ids) => followedBy(sql, viewer.userId, ids))
      : null,
  };
}
