import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * An event waiting for (or done with) publication. The auto-increment id is the publication
 * order: a row is inserted after the change it describes, in the same transaction, so a
 * change that waited on another's row lock always gets the larger id.
 */
@Entity({ tableName: 'outbox' })
@Index({ properties: ['publishedAt', 'id'] })
export class OutboxMessage {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id: string;

  @Property({ type: 'string', columnType: 'char(36)' })
  eventId: string;

  @Property({ type: 'string', length: 200 })
  topic: string;

  @Property({ type: 'string', length: 200 })
  key: string;

  @Property({ type: 'json' })
  payload: unknown;

  @Property({ type: 'json' })
  headers: Record<string, string>;

  @Property({ type: 'datetime', columnType: 'datetime(3)' })
  createdAt: Date;

  @Property({ type: 'datetime', columnType: 'datetime(3)', nullable: true })
  publishedAt: Date | null = null;
}
