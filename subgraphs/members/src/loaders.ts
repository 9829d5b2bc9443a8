import type { EntityManager } from '@mikro-orm/mysql';
import DataLoader from 'dataloader';
import { User } from './user/user.entity';

/** Per-request loaders: one `IN (...)` query per entity type, never one per row. */
export function createLoaders(em: EntityManager) {
  return {
    userById: new DataLoader<string, User | null>(async (ids) => {
      const users = await em.find(User, { id: { $in: [...ids] } });
      const byId = new Map(users.map((user) => [user.id, user]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
