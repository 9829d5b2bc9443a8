import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { MembersContext } from '../context';
import { Me } from '../profile/me.type';
import { resendVerificationEmail, signUp, verifyEmail } from './account.service';
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
}
