import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/mysql';
import { BadUserInputError, ConflictError } from '@social/kit';
import type { MembersContext } from '../context';
import { actionLink, verificationMail } from '../mail/templates';
import { Me } from '../user/me.type';
import { User } from '../user/user.entity';
import { issueToken, consumeToken } from './one-time-tokens';
import type { SignUpInput, SignUpPayload } from './sign-up.input';
import {
  FieldProblems,
  checkDisplayName,
  checkEmail,
  checkHandle,
  checkNewPassword,
} from './validation';

export function defaultGreeting(displayName: string): string {
  return `Hi, I'm ${displayName}!`;
}

/**
 * Creates the account and its verification token in one transaction, then mails the link.
 * A mail failure does not undo the sign-up: the account is committed, the payload says
 * verificationEmailSent = false and resendVerificationEmail tries again.
 */
export async function signUp(ctx: MembersContext, input: SignUpInput): Promise<SignUpPayload> {
  await ctx.app.limits.perAddress('signUp', ctx.address);
  const problems = new FieldProblems();
  const email = checkEmail(problems, 'email', input.email);
  const handle = checkHandle(problems, 'handle', input.handle);
  const displayName = checkDisplayName(problems, 'displayName', input.displayName);
  checkNewPassword(problems, 'password', input.password, [email.split('@')[0] ?? '', handle]);
  problems.throwIfAny();
  const passwordHash = await ctx.app.hasher.hash(input.password);
  const now = ctx.now();
  const { user, token } = await ctx.em
    .transactional(async (tx) => {
      const created = Object.assign(new User(), {
        email,
        handle,
        displayName,
        greeting: defaultGreeting(displayName),
        passwordHash,
        createdAt: now,
      });
      tx.persist(created);
      await tx.flush();
      return {
        user: created,
        token: await issueToken(
          tx,
          created.id,
          'verify_email',
          now,
          ctx.app.config.emailVerificationTtl,
        ),
      };
    })
    .catch((error: unknown) => {
      throw conflictFrom(error);
    });
  const verificationEmailSent = await sendVerificationMail(ctx, user, token);
  return { user, verificationEmailSent };
}

/** The unique index decides, not a pre-check: two racing sign-ups cannot both pass. */
function conflictFrom(error: unknown): unknown {
  if (!(error instanceof UniqueConstraintViolationException)) return error;
  if (error.message.includes('users_email_unique')) {
    return new ConflictError('EMAIL_TAKEN', 'An account with this email address already exists');
  }
  if (error.message.includes('users_handle_unique'))
    return new ConflictError('HANDLE_TAKEN', 'This handle is taken');
  return error;
}

async function sendVerificationMail(
  ctx: MembersContext,
  user: User,
  token: string,
): Promise<boolean> {
  const { config, mailer } = ctx.app;
  const link = actionLink(config.publicUrl, 'verify-email', token);
  try {
    await mailer.send(
      verificationMail(
        user.email,
        user.displayName,
        link,
        Math.round(config.emailVerificationTtl / 3600),
      ),
    );
    return true;
  } catch (error) {
    ctx.log.warn(
      { err: error, userId: user.id },
      'verification mail failed; the user can ask for another',
    );
    return false;
  }
}

export async function verifyEmail(ctx: MembersContext, token: string): Promise<Me> {
  await ctx.app.limits.perAddress('verifyEmail', ctx.address);
  const now = ctx.now();
  const user = await ctx.em.transactional(async (tx) => {
    const userId = await consumeToken(tx, token, 'verify_email', now);
    const found = userId ? await tx.findOne(User, userId) : null;
    if (found && !found.emailVerifiedAt) found.emailVerifiedAt = now;
    return found;
  });
  if (!user)
    throw new BadUserInputError([
      { field: 'token', message: 'is invalid, expired or already used' },
    ]);
  return Me.of(user);
}

/**
 * Always true, and the lookup and mail happen after the answer: neither the answer nor its
 * timing says whether the address has an account.
 */
export async function resendVerificationEmail(
  ctx: MembersContext,
  rawEmail: string,
): Promise<boolean> {
  await ctx.app.limits.perAddress('resendVerificationEmail', ctx.address);
  const problems = new FieldProblems();
  const email = checkEmail(problems, 'email', rawEmail);
  problems.throwIfAny();
  const now = ctx.now();
  const em: EntityManager = ctx.em.fork();
  ctx.app.background.run('resend-verification', async () => {
    const user = await em.findOne(User, { email });
    if (!user || user.emailVerifiedAt) return;
    const token = await issueToken(
      em,
      user.id,
      'verify_email',
      now,
      ctx.app.config.emailVerificationTtl,
    );
    await sendVerificationMail(ctx, user, token);
  });
  return true;
}
