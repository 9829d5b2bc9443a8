import type { Cursor } from '@social/kit';
import { olderThan, type Sql } from '@social/kit/orm';

/** Where one kind of list lives: rows of `table` under a parent, newest first by (at, id). */
export interface KeysetSource<T, R extends object> {
  table: string;
  parentColumn: string;
  atColumn: string;
  idColumn: string;
  /** Select list; its aliases are what `map` reads. */
  columns: string;
  /** Extra condition, e.g. `deleted_at is null`. */
  where?: string;
  map(row: R): T;
  cursorOf(item: T): Cursor;
}

export interface PageRequest {
  parentId: string;
  limit: number;
  after: Cursor | null;
}

/**
 * Pages of many parents in one statement: a UNION ALL of one index-ordered, LIMITed subquery
 * per parent, so a list of 20 users with their followers is one query, not 20. Each page has
 * up to `limit + 1` items (the extra one only tells whether another page follows), unsorted.
 */
export async function readPages<T, R extends object>(
  sql: Sql,
  source: KeysetSource<T, R>,
  requests: readonly PageRequest[],
): Promise<T[][]> {
  const params: unknown[] = [];
  const parts = requests.map((request, index) => {
    params.push(index, request.parentId);
    return `(${subquery(source, request, params)})`;
  });
  const rows = await sql.all<R & { page_key: number | string }>(parts.join(' union all '), params);
  return requests.map((_, index) =>
    rows.filter((row) => Number(row.page_key) === index).map((row) => source.map(row)),
  );
}

function subquery<T, R extends object>(
  source: KeysetSource<T, R>,
  request: PageRequest,
  params: unknown[],
): string {
  const { table, parentColumn, atColumn: at, idColumn: id } = source;
  const conditions = [`${parentColumn} = ?`];
  if (source.where) conditions.push(source.where);
  if (request.after) {
    conditions.push(olderThan(at, id));
    params.push(request.after.at, request.after.at, request.after.id);
  }
  const limit = Math.trunc(request.limit) + 1;
  return `select ? as page_key, ${source.columns} from ${table} where ${conditions.join(' and ')} order by ${at} desc, ${id} desc limit ${limit}`;
}
