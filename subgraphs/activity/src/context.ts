import type { EntityManager } from '@mikro-orm/mysql';
import type { IdAndTime, Logger, Viewer } from '@social/kit';
import { sqlOf } from '@social/kit/orm';
import { createCommentLoaders } from './comment/comment.loaders';
import { createFollowLoaders } from './follow/follow.loaders';
import type { UserDirectory } from './members/user-directory';
import type { OutboxSignal } from './outbox/outbox.signal';
import { createPostLoaders } from './post/post.loaders';

/** What every request shares: the same for all requests of one server. */
export interface SharedContext {
  users: UserDirectory;
  nextId: () => IdAndTime;
  outbox: OutboxSignal;
}

/** The per-request context resolvers receive. */
export interface ActivityContext extends SharedContext {
  em: EntityManager;
  loaders: Loaders;
  /** Drops cached loads: a mutation's result must not show what was read before it. */
  refreshLoaders(): void;
  log: Logger;
  requestId: string;
  viewer: Viewer | null;
}

/** Per-request loaders: one grouped statement per field, whatever the number of rows. */
function createLoaders(em: EntityManager, viewer: Viewer | null) {
  const sql = sqlOf(em);
  return {
    ...createFollowLoaders(sql, viewer),
    ...createPostLoaders(sql, viewer),
    ...createCommentLoaders(sql),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

export function createContext(
  shared: SharedContext,
  request: { em: EntityManager; viewer: Viewer | null; log: Logger; requestId: string },
): ActivityContext {
  const { em, viewer } = request;
  const context: ActivityContext = {
    ...shared,
    ...request,
    loaders: createLoaders(em, viewer),
    refreshLoaders: () => void (context.loaders = createLoaders(em, viewer)),
  };
  return context;
}
