import type { EntityManager } from '@mikro-orm/mysql';
import DataLoader from 'dataloader';
import type { User } from './user.entity';
import { findUsersByIds } from './user.repository';

/** Per-request loaders: one `IN (...)` query per entity type, never one per row. */
export function createLoaders(em: EntityManager) {
  return {
    userById: new DataLoader<string, User | null>(async (ids) => {
      const users = await findUsersByIds(em, ids);
      const byId = new Map(users.map((user) => [user.id, user]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
