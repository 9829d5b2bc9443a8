import type { EntityManager } from '@mikro-orm/mysql';
import { MEMBER_TOPIC, HEADERS, createEvent, eventKey, serializeEvent } from '@social/events';
import type { Viewer } from '@social/kit';
import { sqlOf } from '@social/kit/orm';
import { writeOutboxRow, type OutboxSignal } from '@social/kit/outbox';
import { confirmPassword } from '../password/password.service';
import type { AuthLimits } from '../rate-limit/auth-limits';
import type { SessionRepository } from '../session/session.repository';
import type { PasswordHasher } from '../shared/password-hasher';
import { unauthenticated } from '../shared/request-auth';
import { findUserWithPasswordHash } from '../user/user.repository';

/**
 * Leaving for good. Needs the password (a stolen access token alone cannot destroy the
 * account; wrong guesses count like logins). In one transaction: every session revoked (in
 * Redis before the commit, so each access token is refused at once), the user row deleted
 * (sessions, tokens and name words go with it by foreign key, so the handle and email are free
 * again), and member.deleted written to members' outbox. Activity and feed remove the rest
 * when the event reaches them (docs/events.md).
 */
export async function deleteAccount(
  deps: {
    em: EntityManager;
    hasher: PasswordHasher;
    limits: AuthLimits;
    sessions: SessionRepository;
    outbox: OutboxSignal;
  },
  input: { viewer: Viewer; password: string; requestId?: string },
): Promise<boolean> {
  const { em, sessions } = deps;
  const user = await findUserWithPasswordHash(em, { id: input.viewer.userId });
  if (!user) throw unauthenticated('TOKEN_INVALID');
  await confirmPassword(deps, user, input.password, 'password');
  const event = createEvent('member.deleted', user.id, { memberId: user.id });
  const headers: Record<string, string> = { [HEADERS.eventType]: event.type };
  if (input.requestId) headers[HEADERS.requestId] = input.requestId;
  await em.transactional(async (tx) => {
    await sessions.revoke(tx, { userId: user.id }, 'account_deleted');
    const sql = sqlOf(tx);
    await sql.run('delete from users where id = ?', [user.id]);
    await writeOutboxRow(sql, {
      eventId: event.id,
      topic: MEMBER_TOPIC.topic,
      key: eventKey(event),
      value: serializeEvent(event),
      headers,
    });
  });
  deps.outbox.notify();
  return true;
}
