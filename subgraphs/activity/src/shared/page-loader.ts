import {
  createBoundedLoader,
  decodeCursor,
  LOADER_LIMITS,
  pageSize,
  toPage,
  type Cursor,
  type RowBudget,
} from '@social/kit';
import { readPages, type KeysetSource, type PageRequest } from './keyset.repository';
import type { Sql } from '@social/kit/orm';

export type Page<T> = ReturnType<typeof toPage<T>>;

/** Validates `first` and `after` before any SQL runs: both are BAD_USER_INPUT when wrong. */
export function pageRequest(
  parentId: string,
  first?: number | null,
  after?: string | null,
): PageRequest {
  return { parentId, limit: pageSize(first), after: decodeCursor(after) };
}

/**
 * Every page of one kind asked in one tick, read in as few statements as the kit's bounds
 * allow (see `readPages`): up to LOADER_LIMITS.maxPagesPerBatch pages each, every page's
 * `limit + 1` rows spent from the request's row budget first.
 */
export function createPageLoader<T, R extends object>(
  sql: Sql,
  budget: RowBudget,
  source: KeysetSource<T, R>,
) {
  return createBoundedLoader<PageRequest, Page<T>, string>(
    budget,
    async (requests) => {
      const pages = await readPages(sql, source, requests);
      return requests.map((request, index) => {
        const items = (pages[index] ?? []).sort((a, b) =>
          compareNewestFirst(source.cursorOf(a), source.cursorOf(b)),
        );
        return toPage(items, request.limit, source.cursorOf);
      });
    },
    {
      rowsOf: (requests) => requests.reduce((rows, request) => rows + request.limit + 1, 0),
      maxBatchSize: LOADER_LIMITS.maxPagesPerBatch,
      cacheKeyFn: (request) => JSON.stringify([request.parentId, request.limit, request.after]),
    },
  );
}

function compareNewestFirst(a: Cursor, b: Cursor): number {
  const byTime = b.at.getTime() - a.at.getTime();
  if (byTime !== 0) return byTime;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
