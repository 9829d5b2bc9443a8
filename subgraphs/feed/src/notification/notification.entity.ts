import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

@Entity({ tableName: 'notifications' })
export class NotificationRow {
  @PrimaryKey({ type: 'string', columnType: 'char(36)' })
  id: string;

  @Property({ type: 'string', columnType: 'char(36)' })
  recipientId: string;

  @Property({ type: 'string', length: 20 })
  kind: string;

  @Property({ type: 'string', columnType: 'char(36)' })
  actorId: string;

  @Property({ type: 'string', columnType: 'char(36)', nullable: true })
  postId: string | null;

  @Property({ type: 'datetime', columnType: 'datetime(3)' })
  createdAt: Date;

  @Property({ type: 'datetime', columnType: 'datetime(3)', nullable: true })
  readAt: Date | null;
}
