import { Field, InputType } from 'type-graphql';

/** Omitted fields stay as they are; `avatarUrl: null` restores the default avatar. */
@InputType('UpdateProfileInput')
export class UpdateProfileInput {
  @Field(() => String, { nullable: true })
  displayName?: string | null;

  @Field(() => String, { nullable: true, description: '0..160 chars' })
  greeting?: string | null;

  @Field(() => String, { nullable: true, description: 'https URL, or null to restore the default' })
  avatarUrl?: string | null;
}
