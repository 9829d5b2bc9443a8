import type { RowBudget, Viewer } from '@social/kit';
import { countComments } from '../comment/comment.repository';
import { countLikes, likedPosts } from '../like/like.repository';
import {
  createByIdLoader,
  createCountLoader,
  createMembershipLoader,
} from '../shared/batch-loaders';
import { createPageLoader } from '../shared/page-loader';
import type { Sql } from '@social/kit/orm';
import { findLivePosts, findPostsOrTombstones, postsByAuthor } from './post.repository';

/** Per-request loaders of posts, their counts and the viewer's likes. */
export function createPostLoaders(sql: Sql, budget: RowBudget, viewer: Viewer | null) {
  return {
    /** Posts that exist and are not deleted: what `post(id)` sees. */
    postById: createByIdLoader(budget, (ids) => findLivePosts(sql, ids)),
    /**
     * What other subgraphs' references resolve to. A post deleted a moment ago can still be
     * listed by a feed that has not applied `post.deleted` yet; `FeedItem.post` is non-null, so
     * a null here would null the whole feed. Such a post comes back as a tombstone instead.
     */
    postReference: createByIdLoader(budget, (ids) => findPostsOrTombstones(sql, ids)),
    postsByAuthor: createPageLoader(sql, budget, postsByAuthor),
    likeCount: createCountLoader(budget, (ids) => countLikes(sql, ids)),
    commentCount: createCountLoader(budget, (ids) => countComments(sql, ids)),
    viewerLikes: viewer
      ? createMembershipLoader(budget, (ids) => likedPosts(sql, viewer.userId, ids))
      : null,
  };
}
