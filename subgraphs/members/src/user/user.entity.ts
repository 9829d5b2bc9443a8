import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { newId } from '@social/kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * A member: the public profile (GraphQL fields) and the private account (no @Field, so they
 * can never be selected). `avatarUrl` is resolved in UserFieldsResolver: null here means "the
 * default avatar", whose URL depends on PUBLIC_URL and so is never stored.
 */
@Directive('@key(fields: "id")')
@ObjectType('User')
@Entity({ tableName: 'users' })
export class User {
  @Field(() => ID)
  @PrimaryKey({ type: 'string', columnType: 'char(36)' })
  id: string = newId();

  @Field(() => String, { description: 'Unique, 3..30 chars of [a-z0-9_], stored lowercased' })
  @Unique({ name: 'users_handle_unique' })
  @Property({ type: 'string', length: 30 })
  handle: string;

  @Field(() => String)
  @Property({ type: 'string', length: 50 })
  displayName: string;

  @Field(() => String, { description: 'A short self-introduction' })
  @Property({ type: 'string', length: 160 })
  greeting: string;

  @Property({ type: 'string', length: 2048, fieldName: 'avatar_url', nullable: true })
  customAvatarUrl: string | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime', columnType: 'datetime(3)' })
  createdAt: Date = new Date();

  /** Stored lowercased; unique. */
  @Unique({ name: 'users_email_unique' })
  @Property({ type: 'string', length: 254 })
  email: string;

  // Lazy: profile reads and reference batches never pull the hash into memory.
  @Property({ type: 'string', length: 255, collation: 'ascii_bin', lazy: true, hidden: true })
  passwordHash: string;

  @Property({ type: 'datetime', columnType: 'datetime(3)', nullable: true })
  emailVerifiedAt: Date | null = null;
}
