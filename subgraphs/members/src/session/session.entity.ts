import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { newId } from '@social/kit';

// Functions, not shared objects: MikroORM writes the field name into the options it is given.
const hash = (nullable = false) => ({ type: 'string', columnType: 'char(64)', nullable });
const time = (nullable = false) => ({ type: 'datetime', columnType: 'datetime(3)', nullable });

/**
 * One login = one refresh-token family. Only hashes of refresh tokens are stored; see
 * refresh-token.ts for how the grace window hands back the current token anyway.
 */
@Entity({ tableName: 'sessions' })
export class Session {
  @PrimaryKey({ type: 'string', columnType: 'char(36)' })
  id: string = newId();

  @Property({ type: 'string', columnType: 'char(36)' })
  userId: string;

  @Property(hash())
  refreshHash: string;

  @Property(hash(true))
  prevRefreshHash: string | null = null;

  /** Random input that, with the previous token, derives the current one (refresh-token.ts). */
  @Property(hash(true))
  rotationNonce: string | null = null;

  @Property(time(true))
  rotatedAt: Date | null = null;

  @Property(time())
  createdAt: Date;

  @Property(time())
  lastUsedAt: Date;

  @Property(time())
  idleExpiresAt: Date;

  @Property(time())
  absoluteExpiresAt: Date;

  @Property(time(true))
  revokedAt: Date | null = null;

  @Property({ type: 'string', length: 32, nullable: true })
  revokedReason: string | null = null;
}
