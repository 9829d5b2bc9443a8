import type { EntityManager } from '@mikro-orm/mysql';
import DataLoader from 'dataloader';
import { all, placeholders } from './sql';

/** COUNT(*) grouped by `column` for every id asked in one tick: one statement per field. */
export function createCountLoader(em: EntityManager, table: string, column: string) {
  return new DataLoader<string, number>(async (ids) => {
    const rows = await all<{ id: string; n: number | string }>(
      em,
      `select ${column} as id, count(*) as n from ${table} where ${column} in (${placeholders(ids)}) group by ${column}`,
      [...ids],
    );
    const counts = new Map(rows.map((row) => [row.id, Number(row.n)]));
    return ids.map((id) => counts.get(id) ?? 0);
  });
}

/**
 * Which of the asked ids have a row together with `ownerId` (does the viewer like these
 * posts, follow these users): one statement for the whole page.
 */
export function createMembershipLoader(
  em: EntityManager,
  table: string,
  ownerColumn: string,
  idColumn: string,
  ownerId: string,
) {
  return new DataLoader<string, boolean>(async (ids) => {
    const rows = await all<{ id: string }>(
      em,
      `select ${idColumn} as id from ${table} where ${ownerColumn} = ? and ${idColumn} in (${placeholders(ids)})`,
      [ownerId, ...ids],
    );
    const found = new Set(rows.map((row) => row.id));
    return ids.map((id) => found.has(id));
  });
}
