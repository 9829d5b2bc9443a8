import type { EntityManager } from '@mikro-orm/mysql';
import type { Logger } from '@social/kit';

export interface FeedContext {
  em: EntityManager;
  log: Logger;
  viewerId: string | null;
}
