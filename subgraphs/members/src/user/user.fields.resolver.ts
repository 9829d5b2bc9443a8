import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { MembersContext } from '../context';
import { defaultAvatarUrl } from './default-avatar';
import { User } from './user.entity';

@Resolver(() => User)
export class UserFieldsResolver {
  @FieldResolver(() => String, { description: 'The chosen https avatar, or the generated default' })
  avatarUrl(@Root() user: User, @Ctx() context: MembersContext): string {
    return user.customAvatarUrl ?? defaultAvatarUrl(context.app.config.publicUrl, user.id);
  }
}
