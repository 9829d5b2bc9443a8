import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { MembersContext } from '../context';
import { changePassword, requestPasswordReset, resetPassword } from './password-flows';

@Resolver()
export class PasswordResolver {
  @Mutation(() => Boolean, { description: 'Ends every other session' })
  changePassword(
    @Ctx() ctx: MembersContext,
    @Arg('currentPassword', () => String) currentPassword: string,
    @Arg('newPassword', () => String) newPassword: string,
  ): Promise<boolean> {
    return changePassword(ctx, currentPassword, newPassword);
  }

  @Mutation(() => Boolean, { description: 'True whether or not the email exists' })
  requestPasswordReset(@Ctx() ctx: MembersContext, @Arg('email', () => String) email: string): Promise<boolean> {
    return requestPasswordReset(ctx, email);
  }

  @Mutation(() => Boolean, { description: 'Ends every session' })
  resetPassword(
    @Ctx() ctx: MembersContext,
    @Arg('token', () => String) token: string,
    @Arg('newPassword', () => String) newPassword: string,
  ): Promise<boolean> {
    return resetPassword(ctx, token, newPassword);
  }
}
