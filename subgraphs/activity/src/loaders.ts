import type { EntityManager } from '@mikro-orm/mysql';
import type { Viewer } from '@social/kit';
import { createCommentLoaders } from './comment/comment.loaders';
import { createPostLoaders } from './post/post.loaders';
import { createUserLoaders } from './user/user.loaders';

/** Per-request loaders: one grouped statement per field, whatever the number of rows. */
export function createLoaders(em: EntityManager, viewer: Viewer | null) {
  return {
    ...createUserLoaders(em, viewer),
    ...createPostLoaders(em, viewer),
    ...createCommentLoaders(em),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
