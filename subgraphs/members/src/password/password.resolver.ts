import { Arg, Args, Ctx, Mutation, Resolver } from 'type-graphql';
import type { MembersContext } from '../context';
import { ChangePasswordArgs, ResetPasswordArgs } from './password.args';
import { changePassword, requestPasswordReset, resetPassword } from './password.service';

@Resolver()
export class PasswordResolver {
  @Mutation(() => Boolean, { description: 'Ends every other session' })
  async changePassword(
    @Ctx() ctx: MembersContext,
    @Args(() => ChangePasswordArgs) args: ChangePasswordArgs,
  ): Promise<boolean> {
    const viewer = await ctx.viewer();
    return changePassword(ctx.deps, { viewer, ...args });
  }

  @Mutation(() => Boolean, { description: 'True whether or not the email exists' })
  requestPasswordReset(
    @Ctx() ctx: MembersContext,
    @Arg('email', () => String) email: string,
  ): Promise<boolean> {
    return requestPasswordReset(ctx.deps, { email, address: ctx.address });
  }

  @Mutation(() => Boolean, { description: 'Ends every session' })
  resetPassword(
    @Ctx() ctx: MembersContext,
    @Args(() => ResetPasswordArgs) args: ResetPasswordArgs,
  ): Promise<boolean> {
    return resetPassword(ctx.deps, { ...args, address: ctx.address });
  }
}
