import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/mysql';
import { BadUserInputError, type Clock, ConflictError, type Logger } from '@social/kit';
import type { Config } from '../config';
import { actionLink, verificationMail } from '../mail/templates';
import type { Mailer } from '../mail/mailer';
import { consumeToken, issueToken } from '../one-time-token/one-time-token.repository';
import { Me } from '../profile/me.type';
import { replaceNameWords } from '../search/name-words';
import type { AuthLimits } from '../rate-limit/auth-limits';
import type { BackgroundTasks } from '../shared/background-tasks';
import type { PasswordHasher } from '../shared/password-hasher';
import {
  FieldProblems,
  checkDisplayName,
  checkEmail,
  checkHandle,
  checkNewPassword,
} from '../shared/validation';
import type { User } from '../user/user.entity';
import { findUserByEmail, findUserById, insertUser } from '../user/user.repository';
import type { SignUpInput } from './sign-up.input';
import type { SignUpPayload } from './sign-up-payload.type';

/** What sending the verification link needs. */
interface MailDeps {
  mailer: Mailer;
  log: Logger;
  config: Pick<Config, 'publicUrl' | 'oneTimeTokens'>;
}

function defaultGreeting(displayName: string): string {
  return `Hi, I'm ${displayName}!`;
}

/**
 * Creates the account and its verification token in one transaction, then mails the link.
 * A mail failure does not undo the sign-up: the account is committed, the payload says
 * verificationEmailSent = false and resendVerificationEmail tries again.
 */
export async function signUp(
  deps: MailDeps & { em: EntityManager; limits: AuthLimits; hasher: PasswordHasher; clock: Clock },
  input: SignUpInput & { address: string },
): Promise<SignUpPayload> {
  await deps.limits.perAddress('signUp', input.address);
  const problems = new FieldProblems();
  const email = checkEmail(problems, 'email', input.email);
  const handle = checkHandle(problems, 'handle', input.handle);
  const displayName = checkDisplayName(problems, 'displayName', input.displayName);
  checkNewPassword(problems, 'password', input.password, [email.split('@')[0] ?? '', handle]);
  problems.throwIfAny();
  const passwordHash = await deps.hasher.hash(input.password);
  const now = new Date(deps.clock());
  const ttl = deps.config.oneTimeTokens.emailVerificationTtl;
  const { user, token } = await deps.em
    .transactional(async (tx) => {
      const created = await insertUser(tx, {
        email,
        handle,
        displayName,
        greeting: defaultGreeting(displayName),
        passwordHash,
        createdAt: now,
      });
      await replaceNameWords(tx, created.id, created.displayName, null);
      return { user: created, token: await issueToken(tx, created.id, 'verify_email', now, ttl) };
    })
    .catch((error: unknown) => {
      throw conflictFrom(error);
    });
  const verificationEmailSent = await sendVerificationMail(deps, user, token);
  return { user, verificationEmailSent };
}

export const emailTaken = () =>
  new ConflictError('EMAIL_TAKEN', 'An account with this email address already exists');

/** The unique index decides, not a pre-check: two racing sign-ups cannot both pass. */
export function conflictFrom(error: unknown): unknown {
  if (!(error instanceof UniqueConstraintViolationException)) return error;
  if (error.message.includes('users_email_unique')) return emailTaken();
  if (error.message.includes('users_handle_unique'))
    return new ConflictError('HANDLE_TAKEN', 'This handle is taken');
  return error;
}

async function sendVerificationMail(deps: MailDeps, user: User, token: string): Promise<boolean> {
  const { config, mailer } = deps;
  const link = actionLink(config.publicUrl, 'verify-email', token);
  const hours = Math.round(config.oneTimeTokens.emailVerificationTtl / 3600);
  try {
    await mailer.send(verificationMail(user.email, user.displayName, link, hours));
    return true;
  } catch (error) {
    deps.log.warn(
      { err: error, userId: user.id },
      'verification mail failed; the user can ask for another',
    );
    return false;
  }
}

export async function verifyEmail(
  deps: { em: EntityManager; limits: AuthLimits; clock: Clock },
  input: { token: string; address: string },
): Promise<Me> {
  await deps.limits.perAddress('verifyEmail', input.address);
  const now = new Date(deps.clock());
  const user = await deps.em.transactional(async (tx) => {
    const userId = await consumeToken(tx, input.token, 'verify_email', now);
    const found = userId ? await findUserById(tx, userId) : null;
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
  deps: MailDeps & {
    em: EntityManager;
    limits: AuthLimits;
    clock: Clock;
    background: BackgroundTasks;
  },
  input: { email: string; address: string },
): Promise<boolean> {
  await deps.limits.perAddress('resendVerificationEmail', input.address);
  const problems = new FieldProblems();
  const email = checkEmail(problems, 'email', input.email);
  problems.throwIfAny();
  const now = new Date(deps.clock());
  // Its own EntityManager: the request's may be gone by the time this runs.
  const em = deps.em.fork();
  deps.background.run('resend-verification', async () => {
    const user = await findUserByEmail(em, email);
    if (!user || user.emailVerifiedAt) return;
    if (!(await deps.limits.mailToRecipient(user.email))) {
      deps.log.info({ userId: user.id }, 'verification mail not sent: recipient budget used up');
      return;
    }
    const ttl = deps.config.oneTimeTokens.emailVerificationTtl;
    const token = await issueToken(em, user.id, 'verify_email', now, ttl);
    await sendVerificationMail(deps, user, token);
  });
  return true;
}
