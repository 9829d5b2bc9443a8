import type { EntityManager } from '@mikro-orm/mysql';
import { createBoundedLoader, RowBudget } from '@social/kit';
import type { User } from './user.entity';
import { findUsersByIds } from './user.repository';

/**
 * Per-request loaders: one `IN (...)` query per entity type and batch (never one per row),
 * within the kit's batch size and the request's row budget.
 */
export function createLoaders(em: EntityManager, budget = new RowBudget()) {
  return {
    userById: createBoundedLoader<string, User | null>(budget, async (ids) => {
      const users = await findUsersByIds(em, ids);
      const byId = new Map(users.map((user) => [user.id, user]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
