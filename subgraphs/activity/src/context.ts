import type { EntityManager } from '@mikro-orm/mysql';
import { RowBudget, type IdAndTime, type Logger, type Viewer } from '@social/kit';
import { sqlOf } from '@social/kit/orm';
import { createCommentLoaders } from './comment/comment.loaders';
import { createFollowLoaders } from './follow/follow.loaders';
import type { UserDirectory } from './members/user-directory';
import type { OutboxSignal } from '@social/kit/outbox';
import { createPostLoaders } from './post/post.loaders';
import type { WriteLimits } from './shared/write-limits';

/** What every request shares: the same for all requests of one server. */
export interface SharedContext {
  users: UserDirectory;
  nextId: () => IdAndTime;
  outbox: OutboxSignal;
  /** Per-member write budgets and the toggle cool-down. */
  limits: WriteLimits;
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

/**
 * Per-request loaders: one grouped statement per field and batch, all spending from the
 * request's one row budget (kit loaders.ts).
 */
function createLoaders(em: EntityManager, budget: RowBudget, viewer: Viewer | null) {
  const sql = sqlOf(em);
  return {
    ...createFollowLoaders(sql, budget, viewer),
    ...createPostLoaders(sql, budget, viewer),
    ...createCommentLoaders(sql, budget),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

export function createContext(
  shared: SharedContext,
  request: { em: EntityManager; viewer: Viewer | null; log: Logger; requestId: string },
): ActivityContext {
  const { em, viewer } = request;
  // One budget for the whole request: refreshed loaders go on spending from it.
  const budget = new RowBudget();
  const context: ActivityContext = {
    ...shared,
    ...request,
    loaders: createLoaders(em, budget, viewer),
    refreshLoaders: () => void (context.loaders = createLoaders(em, budget, viewer)),
  };
  return context;
}
