import { Directive, Field, ObjectType } from 'type-graphql';
import { BadUserInputError } from './errors';

// Several subgraphs return connections, so the type is declared shareable in each.
@Directive('@shareable')
@ObjectType()
export class PageInfo {
  @Field(() => Boolean, { description: 'Whether another page follows this one' })
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** `first` is 1..100 (default 20); anything else is BAD_USER_INPUT (API.graphql). */
export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new BadUserInputError([
      { field: 'first', message: `must be between 1 and ${MAX_PAGE_SIZE}` },
    ]);
  }
  return first;
}

/** A keyset position: the sort time and a tiebreaker id, newest first. */
export interface Cursor {
  at: Date;
  id: string;
}

/** Cursors are opaque to clients: base64url of `<epoch ms>:<id>`. */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.at.getTime()}:${cursor.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(value: string | null | undefined): Cursor | null {
  if (value === null || value === undefined) return null;
  const invalid = () =>
    new BadUserInputError([{ field: 'after', message: 'is not a valid cursor' }]);
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(value)) throw invalid();
  const match = /^(\d{1,15}):([A-Za-z0-9_-]{1,64})$/.exec(
    Buffer.from(value, 'base64url').toString('utf8'),
  );
  if (!match) throw invalid();
  const at = new Date(Number(match[1]));
  if (Number.isNaN(at.getTime())) throw invalid();
  return { at, id: match[2] };
}

/**
 * Turns `limit + 1` rows fetched newest first into a page: the extra row only says that
 * another page exists.
 */
export function toPage<T>(rows: T[], limit: number, cursorOf: (row: T) => Cursor) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    edges: items.map((node) => ({ node, cursor: encodeCursor(cursorOf(node)) })),
    pageInfo: {
      hasNextPage: rows.length > limit,
      endCursor: last ? encodeCursor(cursorOf(last)) : null,
    },
  };
}
