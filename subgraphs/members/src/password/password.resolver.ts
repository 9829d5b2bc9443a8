import { Arg, Args, Ctx, Mutation, Resolver } from 'type-graphql';
import { ChangePasswordArgs, ResetPasswordArgs } from '../auth/credentials.args';
import type { MembersContext } from '../context';
import { changePassword, requestPasswordReset, resetPassword } from './password-flows';

@Resolver()
export class PasswordResolver {
  @Mutation(() => Boolean, { description: 'Ends every other session' })
  changePassword(
    @Ctx() ctx: MembersContext,
    @Args(() => ChangePasswordArgs) args: ChangePasswordArgs,
  ): Promise<boolean> {
    return changePassword(ctx, args.currentPassword, args.newPassword);
  }

  @Mutation(() => Boolean, { description: 'True whether or not the email exists' })
  requestPasswordReset(
    @Ctx() ctx: MembersContext,
    @Arg('email', () => String) email: string,
  ): Promise<boolean> {
    return requestPasswordReset(ctx, email);
  }

  @Mutation(() => Boolean, { description: 'Ends every session' })
  resetPassword(
    @Ctx() ctx: MembersContext,
    @Args(() => ResetPasswordArgs) args: ResetPasswordArgs,
  ): Promise<boolean> {
    return resetPassword(ctx, args.token, args.newPassword);
  }
}
