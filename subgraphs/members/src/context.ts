import type { EntityManager } from '@mikro-orm/mysql';
import type { Logger } from '@social/kit';
import type { Loaders } from './loaders';

export interface MembersContext {
  em: EntityManager;
  loaders: Loaders;
  log: Logger;
}
