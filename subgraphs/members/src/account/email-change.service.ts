import type { EntityManager } from '@mikro-orm/mysql';
import { BadUserInputError, type Clock, type Logger, type Viewer } from '@social/kit';
import type { Config } from '../config';
import type { Mailer } from '../mail/mailer';
import { actionLink, emailChangeMail, emailChangeNotice } from '../mail/templates';
import { consumeEmailChangeToken, issueToken } from '../one-time-token/one-time-token.repository';
import { Me } from '../profile/me.type';
import type { AuthLimits } from '../rate-limit/auth-limits';
import { confirmPassword } from '../password/password.service';
import type { PasswordHasher } from '../shared/password-hasher';
import { unauthenticated } from '../shared/request-auth';
import { FieldProblems, checkEmail } from '../shared/validation';
import { findUserByEmail, findUserById, findUserWithPasswordHash } from '../user/user.repository';
import { conflictFrom, emailTaken } from './account.service';

/**
 * Needs the password (a stolen access token alone cannot move the account to the thief's
 * mailbox); wrong guesses count against the account's failed-login limit, like
 * changePassword, and answer the same BAD_USER_INPUT. The link goes to the new address, a
 * notice without a link to the old one; the email changes only when the link is used. False
 * when the mail server failed: nothing changed and the member can ask again.
 */
export async function requestEmailChange(
  deps: {
    em: EntityManager;
    hasher: PasswordHasher;
    limits: AuthLimits;
    clock: Clock;
    mailer: Mailer;
    log: Logger;
    config: Pick<Config, 'publicUrl' | 'oneTimeTokens'>;
  },
  input: { viewer: Viewer; newEmail: string; password: string; address: string },
): Promise<boolean> {
  const { em, limits, config } = deps;
  await limits.perAddress('requestEmailChange', input.address);
  const problems = new FieldProblems();
  const newEmail = checkEmail(problems, 'newEmail', input.newEmail);
  problems.throwIfAny();
  const user = await findUserWithPasswordHash(em, { id: input.viewer.userId });
  if (!user) throw unauthenticated('TOKEN_INVALID');
  await confirmPassword(deps, user, input.password, 'password');
  if (newEmail === user.email)
    throw new BadUserInputError([{ field: 'newEmail', message: 'is already your email address' }]);
  // Early, for a clear answer; confirmEmailChange's unique index has the last word.
  if (await findUserByEmail(em, newEmail)) throw emailTaken();
  await limits.mailToRecipientOrThrow(newEmail);
  const ttl = config.oneTimeTokens.emailVerificationTtl;
  const token = await issueToken(
    em,
    user.id,
    'change_email',
    new Date(deps.clock()),
    ttl,
    newEmail,
  );
  const link = actionLink(config.publicUrl, 'confirm-email-change', token);
  try {
    await deps.mailer.send(
      emailChangeMail(newEmail, user.displayName, link, Math.round(ttl / 3600)),
    );
  } catch (error) {
    deps.log.warn({ err: error, userId: user.id }, 'email change link not sent');
    return false;
  }
  // The notice shares the old inbox's budget with every other mail sent to it.
  if (await limits.mailToRecipient(user.email)) {
    await deps.mailer
      .send(emailChangeNotice(user.email, user.displayName, newEmail))
      .catch((error: unknown) =>
        deps.log.warn({ err: error, userId: user.id }, 'email change notice not sent'),
      );
  }
  return true;
}

/**
 * The link, used once within EMAIL_VERIFICATION_TTL, moves the account to the address it was
 * mailed to, which it thereby proves (verified). The address must still be free: the unique
 * index decides, and the token is given back (the transaction rolls back) when it is not.
 * The member's sessions stay: the password, not the address, is what logs in.
 */
export async function confirmEmailChange(
  deps: { em: EntityManager; limits: AuthLimits; clock: Clock },
  input: { token: string; address: string },
): Promise<Me> {
  await deps.limits.perAddress('confirmEmailChange', input.address);
  const now = new Date(deps.clock());
  const user = await deps.em
    .transactional(async (tx) => {
      const change = await consumeEmailChangeToken(tx, input.token, now);
      const found = change ? await findUserById(tx, change.userId) : null;
      if (!found || !change) return null;
      found.email = change.newEmail;
      found.emailVerifiedAt = now;
      await tx.flush();
      return found;
    })
    .catch((error: unknown) => {
      throw conflictFrom(error);
    });
  if (!user)
    throw new BadUserInputError([
      { field: 'token', message: 'is invalid, expired or already used' },
    ]);
  return Me.of(user);
}
