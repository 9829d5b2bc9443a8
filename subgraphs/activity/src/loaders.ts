import type { EntityManager } from '@mikro-orm/mysql';
import DataLoader from 'dataloader';

/** Per-request loaders: one grouped query per field, whatever the number of users. */
export function createLoaders(em: EntityManager) {
  const countBy = (column: 'follower_id' | 'followee_id') =>
    new DataLoader<string, number>(async (ids) => {
      const rows: Array<{ id: string; n: number | string }> = await em
        .getConnection()
        .execute(
          `select ${column} as id, count(*) as n from follows where ${column} in (${ids.map(() => '?').join(',')}) group by ${column}`,
          [...ids],
        );
      const counts = new Map(rows.map((row) => [row.id, Number(row.n)]));
      return ids.map((id) => counts.get(id) ?? 0);
    });
  return {
    followerCount: countBy('followee_id'),
    followingCount: countBy('follower_id'),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
