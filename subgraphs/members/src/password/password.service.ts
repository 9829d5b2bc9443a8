import type { EntityManager } from '@mikro-orm/mysql';
import { BadUserInputError, type Clock, type Logger, type Viewer } from '@social/kit';
import type { Config } from '../config';
import type { Mailer } from '../mail/mailer';
import { actionLink, passwordResetMail } from '../mail/templates';
import { consumeToken, issueToken } from '../one-time-token/one-time-token.repository';
import type { AuthLimits } from '../rate-limit/auth-limits';
import type { SessionRepository } from '../session/session.repository';
import type { BackgroundTasks } from '../shared/background-tasks';
import type { PasswordHasher } from '../shared/password-hasher';
import { unauthenticated } from '../shared/request-auth';
import { FieldProblems, checkEmail, checkNewPassword } from '../shared/validation';
import {
  findUserByEmail,
  findUserById,
  findUserWithPasswordHash,
  resetPasswordHash,
  setPasswordHash,
} from '../user/user.repository';

/**
 * A logged-in member proves it is them with their password before a change a stolen access
 * token must not make (password, email). The attempt counts against the account's
 * failed-login limit like a login; a wrong one is BAD_USER_INPUT on `field`, not
 * UNAUTHENTICATED: the caller is logged in and must not be sent to the login page.
 */
export async function confirmPassword(
  deps: { hasher: PasswordHasher; limits: AuthLimits },
  user: { email: string; passwordHash: string },
  password: string,
  field: string,
): Promise<void> {
  const attempt = await deps.limits.loginAttempt(user.email);
  if (!(await deps.hasher.verify(user.passwordHash, password)))
    throw new BadUserInputError([{ field, message: 'is incorrect' }]);
  await attempt.succeeded();
}

/**
 * Needs the current password (a stolen access token alone cannot take the account over);
 * wrong guesses count against the account's failed-login limit. Ends every other session.
 */
export async function changePassword(
  deps: {
    em: EntityManager;
    hasher: PasswordHasher;
    limits: AuthLimits;
    sessions: SessionRepository;
  },
  input: { viewer: Viewer; currentPassword: string; newPassword: string },
): Promise<boolean> {
  const { em, hasher, sessions } = deps;
  const { viewer, currentPassword, newPassword } = input;
  const user = await findUserWithPasswordHash(em, { id: viewer.userId });
  if (!user) throw unauthenticated('TOKEN_INVALID');
  const problems = new FieldProblems();
  checkNewPassword(problems, 'newPassword', newPassword, [
    user.email.split('@')[0] ?? '',
    user.handle,
  ]);
  if (newPassword === currentPassword)
    problems.add('newPassword', 'must differ from the current password');
  problems.throwIfAny();
  await confirmPassword(deps, user, currentPassword, 'currentPassword');
  const passwordHash = await hasher.hash(newPassword);
  await em.transactional(async (tx) => {
    await setPasswordHash(tx, user.id, passwordHash);
    await sessions.revoke(
      tx,
      { userId: user.id, id: { $ne: viewer.sessionId } },
      'password_changed',
    );
  });
  return true;
}

/** Always true; the lookup and the mail run after the answer (see resendVerificationEmail). */
export async function requestPasswordReset(
  deps: {
    em: EntityManager;
    limits: AuthLimits;
    clock: Clock;
    mailer: Mailer;
    background: BackgroundTasks;
    log: Logger;
    config: Pick<Config, 'publicUrl' | 'oneTimeTokens'>;
  },
  input: { email: string; address: string },
): Promise<boolean> {
  await deps.limits.perAddress('requestPasswordReset', input.address);
  const problems = new FieldProblems();
  const email = checkEmail(problems, 'email', input.email);
  problems.throwIfAny();
  const { config, mailer } = deps;
  const now = new Date(deps.clock());
  // Its own EntityManager: the request's may be gone by the time this runs.
  const em = deps.em.fork();
  deps.background.run('password-reset-mail', async () => {
    const user = await findUserByEmail(em, email);
    if (!user) return;
    if (!(await deps.limits.mailToRecipient(user.email))) {
      deps.log.info({ userId: user.id }, 'reset mail not sent: recipient budget used up');
      return;
    }
    const ttl = config.oneTimeTokens.passwordResetTtl;
    const token = await issueToken(em, user.id, 'reset_password', now, ttl);
    const link = actionLink(config.publicUrl, 'reset-password', token);
    await mailer.send(passwordResetMail(user.email, user.displayName, link, Math.round(ttl / 60)));
  });
  return true;
}

/**
 * Token, new hash and the end of every session commit together. The link came through the
 * mailbox, so it also proves the address: an unverified account becomes verified.
 */
export async function resetPassword(
  deps: {
    em: EntityManager;
    limits: AuthLimits;
    hasher: PasswordHasher;
    sessions: SessionRepository;
    clock: Clock;
  },
  input: { token: string; newPassword: string; address: string },
): Promise<boolean> {
  await deps.limits.perAddress('resetPassword', input.address);
  const problems = new FieldProblems();
  checkNewPassword(problems, 'newPassword', input.newPassword);
  problems.throwIfAny();
  // Hashed before the transaction: no row lock is held across 50 ms of argon2.
  const passwordHash = await deps.hasher.hash(input.newPassword);
  const now = new Date(deps.clock());
  const email = await deps.em.transactional(async (tx) => {
    const userId = await consumeToken(tx, input.token, 'reset_password', now);
    const user = userId ? await findUserById(tx, userId) : null;
    if (!user) return null;
    await resetPasswordHash(tx, user.id, passwordHash, now);
    await deps.sessions.revoke(tx, { userId: user.id }, 'password_reset');
    return user.email;
  });
  if (!email)
    throw new BadUserInputError([
      { field: 'token', message: 'is invalid, expired or already used' },
    ]);
  await deps.limits.clearLoginFailures(email);
  return true;
}
