import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * One row per (post, member). The primary key makes a like idempotent and the count exact:
 * likeCount is COUNT(*) over this key prefix, so no counter can drift or become a hot row.
 */
@Entity({ tableName: 'likes' })
export class Like {
  @PrimaryKey({ type: 'string', columnType: 'char(36)' })
  postId: string;

  @PrimaryKey({ type: 'string', columnType: 'char(36)' })
  userId: string;

  @Property({ type: 'datetime', columnType: 'datetime(3)' })
  createdAt: Date;
}
