import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { MembersContext } from '../context';
import { Me } from '../user/me.type';
import { resendVerificationEmail, signUp, verifyEmail } from './account.service';
import { SignUpInput, SignUpPayload } from './sign-up.input';

@Resolver()
export class AccountResolver {
  @Mutation(() => SignUpPayload)
  signUp(
    @Ctx() ctx: MembersContext,
    @Arg('input', () => SignUpInput) input: SignUpInput,
  ): Promise<SignUpPayload> {
    return signUp(ctx, input);
  }

  @Mutation(() => Me, { description: 'The token works once, then is gone' })
  verifyEmail(@Ctx() ctx: MembersContext, @Arg('token', () => String) token: string): Promise<Me> {
    return verifyEmail(ctx, token);
  }

  @Mutation(() => Boolean, { description: 'True whether or not the email exists' })
  resendVerificationEmail(
    @Ctx() ctx: MembersContext,
    @Arg('email', () => String) email: string,
  ): Promise<boolean> {
    return resendVerificationEmail(ctx, email);
  }
}
