import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

// Ids compare byte-wise (the migrations' ascii_bin): keyset cursors and JavaScript agree. A
// fresh object per column: the decorators keep (and fill in) the options they are given.
const idColumn = () => ({ type: 'string', columnType: 'char(36)', collation: 'ascii_bin' });

/**
 * A post. `authorId` is no GraphQL field: `author` returns a `User` reference that members
 * resolves. Deleting only sets `deletedAt`, and every read filters on it.
 */
@Directive('@key(fields: "id")')
@ObjectType('Post')
@Entity({ tableName: 'posts' })
@Index({ name: 'posts_author', properties: ['authorId', 'createdAt', 'id'] })
export class Post {
  @Field(() => ID)
  @PrimaryKey(idColumn())
  id: string;

  @Property(idColumn())
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
