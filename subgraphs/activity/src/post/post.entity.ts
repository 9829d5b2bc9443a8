import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * A post. `authorId` is no GraphQL field: `author` returns a `User` reference that members
 * resolves. Deleting only sets `deletedAt`, and every read filters on it.
 */
@Directive('@key(fields: "id")')
@ObjectType('Post')
@Entity({ tableName: 'posts' })
@Index({ properties: ['authorId', 'createdAt', 'id'] })
export class Post {
  @Field(() => ID)
  @PrimaryKey({ type: 'string', columnType: 'char(36)' })
  id: string;

  @Property({ type: 'string', columnType: 'char(36)' })
  authorId: string;

  @Field(() => String, { description: '1..1000 characters after trimming, stored verbatim' })
  @Property({ type: 'text' })
  body: string;

  @Field(() => Date)
  @Property({ type: 'datetime', columnType: 'datetime(3)' })
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', columnType: 'datetime(3)', nullable: true })
  editedAt: Date | null = null;

  @Property({ type: 'datetime', columnType: 'datetime(3)', nullable: true })
  deletedAt: Date | null = null;
}
