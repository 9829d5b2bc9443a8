import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** One row per (follower, followee): the primary key makes a follow idempotent. */
@Entity({ tableName: 'follows' })
export class Follow {
  @PrimaryKey({ type: 'string', columnType: 'char(36)' })
  followerId: string;

  @PrimaryKey({ type: 'string', columnType: 'char(36)' })
  followeeId: string;

  @Property({ type: 'datetime', columnType: 'datetime(3)' })
  createdAt: Date = new Date();
}
