import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';

// Ids compare byte-wise (the migrations' ascii_bin): keyset cursors and JavaScript agree. A
// fresh object per column: the decorators keep (and fill in) the options they are given.
const idColumn = () => ({ type: 'string', columnType: 'char(36)', collation: 'ascii_bin' });

/** A comment; deleting one removes the row (the deletion event carries every id the feed needs). */
@ObjectType('Comment')
@Entity({ tableName: 'comments' })
@Index({ name: 'comments_post', properties: ['postId', 'createdAt', 'id'] })
// A deleted member's comments are found by author (members/member-deletion.service.ts).
@Index({ name: 'comments_author', properties: ['authorId', 'id'] })
export class Comment {
  @Field(() => ID)
  @PrimaryKey(idColumn())
  id: string;

  @Property(idColumn())
  postId: string;

  @Property(idColumn())
  authorId: string;

  @Field(() => String, { description: '1..500 characters after trimming, stored verbatim' })
  @Property({ type: 'text' })
  body: string;

  @Field(() => Date)
  @Property({ type: 'datetime', columnType: 'datetime(3)' })
  createdAt: Date;
}
