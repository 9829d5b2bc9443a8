import {
  Entity,
  Index,
  ManyToOne,
  PrimaryKey,
  Property,
  Unique,
} from '@mikro-orm/decorators/legacy';
import { newId } from '@social/kit';
import { User } from '../user/user.entity';

// Functions, not shared objects: MikroORM writes the field name into the options it is given.
// Hex sha256 in ascii_bin, as the migration made them: compared byte for byte, a quarter of
// utf8mb4's index size.
const hash = (nullable = false) => ({
  type: 'string',
  columnType: 'char(64)',
  collation: 'ascii_bin',
  nullable,
});
const time = (nullable = false) => ({ type: 'datetime', columnType: 'datetime(3)', nullable });

/**
 * One login = one refresh-token family. Only hashes of refresh tokens are stored; see
 * refresh-token.ts for how the grace window hands back the current token anyway.
 */
@Entity({ tableName: 'sessions' })
@Index({ name: 'sessions_absolute_expires_at_index', properties: ['absoluteExpiresAt'] })
@Index({ name: 'sessions_idle_expires_at_index', properties: ['idleExpiresAt'] })
export class Session {
  @PrimaryKey({ type: 'string', columnType: 'char(36)' })
  id: string = newId();

  /** The member's id (not a loaded User): deleting the member deletes their sessions. */
  @ManyToOne(() => User, {
    fieldName: 'user_id',
    columnType: 'char(36)',
    mapToPk: true,
    deleteRule: 'cascade',
    foreignKeyName: 'sessions_user_fk',
    index: 'sessions_user_id_index',
  })
  userId: string;

  @Unique({ name: 'sessions_refresh_hash_unique' })
  @Property(hash())
  refreshHash: string;

  @Index({ name: 'sessions_prev_refresh_hash_index' })
  @Property(hash(true))
  prevRefreshHash: string | null = null;

  /** Random input that, with the previous token, derives the current one (refresh-token.ts). */
  @Property(hash(true))
  rotationNonce: string | null = null;

  @Property(time(true))
  rotatedAt: Date | null = null;

  @Property(time())
  createdAt: Date;

  /** Login and each refresh (not each access-token use): when the session last got tokens. */
  @Property(time())
  lastUsedAt: Date;

  /** A coarse label from the User-Agent as last seen (client-info.ts); null before it was kept. */
  @Property({ type: 'string', length: 64, nullable: true })
  device: string | null = null;

  /** The client's network as last seen (/24 or /48), never the full address. */
  @Property({ type: 'string', length: 64, nullable: true })
  address: string | null = null;

  @Property(time())
  idleExpiresAt: Date;

  @Property(time())
  absoluteExpiresAt: Date;

  @Property(time(true))
  revokedAt: Date | null = null;

  @Property({ type: 'string', length: 32, nullable: true })
  revokedReason: string | null = null;
}
