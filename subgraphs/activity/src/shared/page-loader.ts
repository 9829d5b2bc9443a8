import type { EntityManager } from '@mikro-orm/mysql';
import { decodeCursor, pageSize, toPage, type Cursor } from '@social/kit';
import DataLoader from 'dataloader';
import { all } from './sql';

export interface PageRequest {
  parentId: string;
  limit: number;
  after: Cursor | null;
}

export type Page<T> = ReturnType<typeof toPage<T>>;

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

/** Validates `first` and `after` before any SQL runs: both are BAD_USER_INPUT when wrong. */
export function pageRequest(
  parentId: string,
  first?: number | null,
  after?: string | null,
): PageRequest {
  return { parentId, limit: pageSize(first), after: decodeCursor(after) };
}

/**
 * Pages of many parents in one statement: a UNION ALL of one index-ordered, LIMITed subquery
 * per parent, so a list of 20 users with their followers is one query, not 20.
 */
export function createPageLoader<T, R extends object>(
  em: EntityManager,
  source: KeysetSource<T, R>,
) {
  return new DataLoader<PageRequest, Page<T>, string>(
    async (requests) => {
      const params: unknown[] = [];
      const parts = requests.map((request, index) => {
        params.push(index, request.parentId);
        return `(${subquery(source, request, params)})`;
      });
      const rows = await all<R & { page_key: number | string }>(
        em,
        parts.join(' union all '),
        params,
      );
      return requests.map((request, index) => {
        const items = rows
          .filter((row) => Number(row.page_key) === index)
          .map((row) => source.map(row))
          .sort((a, b) => compareNewestFirst(source.cursorOf(a), source.cursorOf(b)));
        return toPage(items, request.limit, source.cursorOf);
      });
    },
    { cacheKeyFn: (request) => JSON.stringify([request.parentId, request.limit, request.after]) },
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
    conditions.push(`(${at} < ? or (${at} = ? and ${id} < ?))`);
    params.push(request.after.at, request.after.at, request.after.id);
  }
  // limit + 1: the extra row only tells whether another page follows.
  const limit = Math.trunc(request.limit) + 1;
  return `select ? as page_key, ${source.columns} from ${table} where ${conditions.join(' and ')} order by ${at} desc, ${id} desc limit ${limit}`;
}

function compareNewestFirst(a: Cursor, b: Cursor): number {
  const byTime = b.at.getTime() - a.at.getTime();
  if (byTime !== 0) return byTime;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
