import { BadUserInputError } from '@social/kit';
import { consumeToken, issueToken } from '../account/one-time-tokens';
import { FieldProblems, checkEmail, checkNewPassword } from '../account/validation';
import { unauthenticated } from '../auth/request-auth';
import type { MembersContext } from '../context';
import { actionLink, passwordResetMail } from '../mail/templates';
import { User } from '../user/user.entity';

/**
 * Needs the current password (a stolen access token alone cannot take the account over);
 * wrong guesses count against the account's failed-login limit. Ends every other session.
 */
export async function changePassword(
  ctx: MembersContext,
  currentPassword: string,
  newPassword: string,
): Promise<boolean> {
  const viewer = await ctx.viewer();
  const { hasher, limits, sessions } = ctx.app;
  const user = await ctx.em.findOne(User, viewer.userId, { populate: ['passwordHash'] });
  if (!user) throw unauthenticated('TOKEN_INVALID');
  const problems = new FieldProblems();
  checkNewPassword(problems, 'newPassword', newPassword, [
    user.email.split('@')[0] ?? '',
    user.handle,
  ]);
  if (newPassword === currentPassword)
    problems.add('newPassword', 'must differ from the current password');
  problems.throwIfAny();
  const attempt = await limits.loginAttempt(user.email);
  // BAD_USER_INPUT, not UNAUTHENTICATED: the caller is logged in and must not be sent to the login page.
  if (!(await hasher.verify(user.passwordHash, currentPassword))) {
    throw new BadUserInputError([{ field: 'currentPassword', message: 'is incorrect' }]);
  }
  await attempt.succeeded();
  const passwordHash = await hasher.hash(newPassword);
  await ctx.em.transactional(async (tx) => {
    await tx.nativeUpdate(User, { id: user.id }, { passwordHash });
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
  ctx: MembersContext,
  rawEmail: string,
): Promise<boolean> {
  await ctx.app.limits.perAddress('requestPasswordReset', ctx.address);
  const problems = new FieldProblems();
  const email = checkEmail(problems, 'email', rawEmail);
  problems.throwIfAny();
  const { config, mailer, background } = ctx.app;
  const now = ctx.now();
  const em = ctx.em.fork();
  background.run('password-reset-mail', async () => {
    const user = await em.findOne(User, { email });
    if (!user) return;
    const token = await issueToken(em, user.id, 'reset_password', now, config.passwordResetTtl);
    const link = actionLink(config.publicUrl, 'reset-password', token);
    await mailer.send(
      passwordResetMail(
        user.email,
        user.displayName,
        link,
        Math.round(config.passwordResetTtl / 60),
      ),
    );
  });
  return true;
}

/**
 * Token, new hash and the end of every session commit together. The link came through the
 * mailbox, so it also proves the address: an unverified account becomes verified.
 */
export async function resetPassword(
  ctx: MembersContext,
  token: string,
  newPassword: string,
): Promise<boolean> {
  await ctx.app.limits.perAddress('resetPassword', ctx.address);
  const problems = new FieldProblems();
  checkNewPassword(problems, 'newPassword', newPassword);
  problems.throwIfAny();
  // Hashed before the transaction: no row lock is held across 50 ms of argon2.
  const passwordHash = await ctx.app.hasher.hash(newPassword);
  const now = ctx.now();
  const email = await ctx.em.transactional(async (tx) => {
    const userId = await consumeToken(tx, token, 'reset_password', now);
    const user = userId ? await tx.findOne(User, userId) : null;
    if (!user) return null;
    await tx.execute(
      'UPDATE users SET password_hash = ?, email_verified_at = COALESCE(email_verified_at, ?) WHERE id = ?',
      [passwordHash, now, user.id],
      'run',
    );
    await ctx.app.sessions.revoke(tx, { userId: user.id }, 'password_reset');
    return user.email;
  });
  if (!email)
    throw new BadUserInputError([
      { field: 'token', message: 'is invalid, expired or already used' },
    ]);
  await ctx.app.limits.clearLoginFailures(email);
  return true;
}
