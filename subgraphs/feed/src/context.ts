import type { EntityManager } from '@mikro-orm/mysql';
import type { Clock, Logger, Viewer } from '@social/kit';

export interface FeedContext {
  em: EntityManager;
  log: Logger;
  viewer: Viewer | null;
  /** FEED_MAX_ENTRIES: reads apply it to posts merged in at read time. */
  maxEntries: number;
  clock: Clock;
}
