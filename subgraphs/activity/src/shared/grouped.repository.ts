import { list, type Sql } from '@social/kit/orm';

/** COUNT(*) grouped by `column` for the given ids: one statement for a whole page. */
export async function countGrouped(
  sql: Sql,
  table: string,
  column: string,
  ids: readonly string[],
): Promise<Map<string, number>> {
  const rows = await sql.all<{ id: string; n: number | string }>(
    `select ${column} as id, count(*) as n from ${table} where ${column} in (${list(ids.length)}) group by ${column}`,
    [...ids],
  );
  return new Map(rows.map((row) => [row.id, Number(row.n)]));
}

/**
 * Which of the ids have a row together with `ownerId` (does the viewer like these posts,
 * follow these users): one statement for the whole page.
 */
export async function pairedWith(
  sql: Sql,
  table: string,
  columns: { owner: string; id: string },
  ownerId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  const rows = await sql.all<{ id: string }>(
    `select ${columns.id} as id from ${table} where ${columns.owner} = ? and ${columns.id} in (${list(ids.length)})`,
    [ownerId, ...ids],
  );
  return new Set(rows.map((row) => row.id));
}
