import type { Cursor } from '@social/kit';

/**
 * A feed cursor: the keyset position (post time, post id) plus how many items the walk has
 * returned so far, which is what caps a walk at FEED_MAX_ENTRIES without scanning the window.
 * The count rides in the id part of kit's cursor (`<post id>_<shown>`; UUIDs have no `_`), so
 * the encoding and its validation stay kit's. `shown` is null for a cursor issued before it
 * existed.
 */
export interface FeedCursor {
  at: Date;
  postId: string;
  shown: number | null;
}

export function toFeedCursor(cursor: Cursor | null): FeedCursor | null {
  if (!cursor) return null;
  const match = /^(.+)_(\d{1,9})$/.exec(cursor.id);
  if (!match) return { at: cursor.at, postId: cursor.id, shown: null };
  return { at: cursor.at, postId: match[1], shown: Number(match[2]) };
}

export function fromFeedCursor(cursor: FeedCursor): Cursor {
  return {
    at: cursor.at,
    id: cursor.shown === null ? cursor.postId : `${cursor.postId}_${cursor.shown}`,
  };
}
