import type { EntityManager } from '@mikro-orm/mysql';
import type { Logger, Viewer } from '@social/kit';
import type { Loaders } from './loaders';
import type { UserDirectory } from './members/user-directory';
import type { OutboxSignal } from './outbox/outbox.signal';
import type { IdAndTime } from './shared/ids';

export interface ActivityContext {
  em: EntityManager;
  loaders: Loaders;
  /** Drops cached loads: a mutation's result must not show what was read before it. */
  refreshLoaders(): void;
  log: Logger;
  requestId: string;
  viewer: Viewer | null;
  users: UserDirectory;
  nextId: () => IdAndTime;
  outbox: OutboxSignal;
}
