import { decodeCursor, pageSize, toPage, type Cursor } from '@social/kit';
import DataLoader from 'dataloader';
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

/** Every page of one kind asked in one tick, read in one statement (see `readPages`). */
export function createPageLoader<T, R extends object>(sql: Sql, source: KeysetSource<T, R>) {
  return new DataLoader<PageRequest, Page<T>, string>(
    async (requests) => {
      const pages = await readPages(sql, source, requests);
      return requests.map((request, index) => {
        const items = (pages[index] ?? []).sort((a, b) =>
          compareNewestFirst(source.cursorOf(a), source.cursorOf(b)),
        );
        return toPage(items, request.limit, source.cursorOf);
      });
    },
    { cacheKeyFn: (request) => JSON.stringify([request.parentId, request.limit, request.after]) },
  );
}

function compareNewestFirst(a: Cursor, b: Cursor): number {
  const byTime = b.at.getTime() - a.at.getTime();
  if (byTime !== 0) return byTime;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
