/** What the consumer needs to know about feed limits (from FEED_* env variables). */
export interface FeedConfig {
  /** Authors with more followers than this are merged at read time instead of fanned out. */
  fanoutMaxFollowers: number;
  /** Entries kept per feed, and recent posts kept per author. */
  maxEntries: number;
  /** Rows per multi-row INSERT of a fan-out. */
  batchSize: number;
}

export const DEFAULT_BATCH_SIZE = 1000;
