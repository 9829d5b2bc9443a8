import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';

/** A comment; deleting one removes the row (the deletion event carries every id the feed needs). */
@ObjectType('Comment')
@Entity({ tableName: 'comments' })
@Index({ properties: ['postId', 'createdAt', 'id'] })
export class Comment {
  @Field(() => ID)
  @PrimaryKey({ type: 'string', columnType: 'char(36)' })
  id: string;

  @Property({ type: 'string', columnType: 'char(36)' })
  postId: string;

  @Property({ type: 'string', columnType: 'char(36)' })
  authorId: string;

  @Field(() => String, { description: '1..500 characters after trimming, stored verbatim' })
  @Property({ type: 'text' })
  body: string;

  @Field(() => Date)
  @Property({ type: 'datetime', columnType: 'datetime(3)' })
  createdAt: Date;
}
