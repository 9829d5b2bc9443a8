import { Arg, Args, Ctx, Mutation, Resolver } from 'type-graphql';
import { clearRefreshCookie } from '../session/refresh-cookie';
import type { MembersContext } from '../context';
import { Me } from '../profile/me.type';
import { deleteAccount } from './account-deletion.service';
import { resendVerificationEmail, signUp, verifyEmail } from './account.service';
import { confirmEmailChange, requestEmailChange } from './email-change.service';
import { EmailChangeArgs } from './email-change.args';
import { SignUpInput } from './sign-up.input';
import { SignUpPayload } from './sign-up-payload.type';

@Resolver()
export class AccountResolver {
  @Mutation(() => SignUpPayload)
  signUp(
    @Ctx() ctx: MembersContext,
    @Arg('input', () => SignUpInput) input: SignUpInput,
  ): Promise<SignUpPayload> {
    return signUp(ctx.deps, { ...input, address: ctx.address });
  }

  @Mutation(() => Me, { description: 'The token works once, then is gone' })
  verifyEmail(@Ctx() ctx: MembersContext, @Arg('token', () => String) token: string): Promise<Me> {
    return verifyEmail(ctx.deps, { token, address: ctx.address });
  }

  @Mutation(() => Boolean, { description: 'True whether or not the email exists' })
  resendVerificationEmail(
    @Ctx() ctx: MembersContext,
    @Arg('email', () => String) email: string,
  ): Promise<boolean> {
    return resendVerificationEmail(ctx.deps, { email, address: ctx.address });
  }

  @Mutation(() => Boolean, {
    description:
      'Mails a link to the new address and a notice to the old; the email changes only when the link is used. False when the mail could not be sent',
  })
  async requestEmailChange(
    @Ctx() ctx: MembersContext,
    @Args(() => EmailChangeArgs) args: EmailChangeArgs,
  ): Promise<boolean> {
    const viewer = await ctx.viewer();
    return requestEmailChange(ctx.deps, { viewer, ...args, address: ctx.address });
  }

  @Mutation(() => Me, {
    description: 'The token works once; the new address must still be free (EMAIL_TAKEN)',
  })
  confirmEmailChange(
    @Ctx() ctx: MembersContext,
    @Arg('token', () => String) token: string,
  ): Promise<Me> {
    return confirmEmailChange(ctx.deps, { token, address: ctx.address });
  }

  @Mutation(() => Boolean, {
    description:
      'Deletes the account for good: every session ends at once, the handle and email are free again, and posts, likes, comments, follows, feed and notifications are removed everywhere (BAD_USER_INPUT on password when it is wrong)',
  })
  async deleteAccount(
    @Ctx() ctx: MembersContext,
    @Arg('password', () => String) password: string,
  ): Promise<boolean> {
    const viewer = await ctx.viewer();
    const deleted = await deleteAccount(ctx.deps, { viewer, password, requestId: ctx.req.id });
    clearRefreshCookie(ctx.res, ctx.app.config.sessions.secureCookies);
    return deleted;
  }
}
