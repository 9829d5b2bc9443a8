import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { newId } from '@social/kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A member's public profile; private account fields are never exposed as GraphQL fields. */
@Directive('@key(fields: "id")')
@ObjectType('User')
@Entity({ tableName: 'users' })
export class User {
  @Field(() => ID)
  @PrimaryKey({ type: 'string', columnType: 'char(36)' })
  id: string = newId();

  @Field(() => String, { description: 'Unique, 3..30 chars of [a-z0-9_], stored lowercased' })
  @Unique()
  @Property({ type: 'string', length: 30 })
  handle: string;

  @Field(() => String)
  @Property({ type: 'string', length: 50 })
  displayName: string;

  @Field(() => String, { description: 'A short self-introduction' })
  @Property({ type: 'string', length: 160 })
  greeting: string;

  @Field(() => String)
  @Property({ type: 'string', length: 2048 })
  avatarUrl: string;

  @Field(() => Date)
  @Property({ type: 'datetime', columnType: 'datetime(3)' })
  createdAt: Date = new Date();
}
