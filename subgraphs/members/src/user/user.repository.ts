import type { EntityManager } from '@mikro-orm/mysql';
import { User } from './user.entity';

/** The fields a sign-up stores; the rest take their column defaults. */
export type NewUser = Pick<
  User,
  'email' | 'handle' | 'displayName' | 'greeting' | 'passwordHash' | 'createdAt'
>;

export function findUserById(em: EntityManager, id: string): Promise<User | null> {
  return em.findOne(User, id);
}

export function findUsersByIds(em: EntityManager, ids: readonly string[]): Promise<User[]> {
  return em.find(User, { id: { $in: [...ids] } });
}

export function findUserByHandle(em: EntityManager, handle: string): Promise<User | null> {
  return em.findOne(User, { handle });
}

export function findUserByEmail(em: EntityManager, email: string): Promise<User | null> {
  return em.findOne(User, { email });
}

/** The one read that loads the (lazy) password hash: login and password change. */
export function findUserWithPasswordHash(
  em: EntityManager,
  where: { id: string } | { email: string },
): Promise<User | null> {
  return em.findOne(User, where, { populate: ['passwordHash'] });
}

/** Flushes at once, so a taken email or handle fails here, inside the caller's transaction. */
export async function insertUser(em: EntityManager, fields: NewUser): Promise<User> {
  const user = Object.assign(new User(), fields);
  await em.persist(user).flush();
  return user;
}

export async function setPasswordHash(
  em: EntityManager,
  userId: string,
  passwordHash: string,
): Promise<void> {
  await em.nativeUpdate(User, { id: userId }, { passwordHash });
}

/** A reset link came through the mailbox, so it also proves the address. */
export async function resetPasswordHash(
  em: EntityManager,
  userId: string,
  passwordHash: string,
  now: Date,
): Promise<void> {
  await em.execute(
    'UPDATE users SET password_hash = ?, email_verified_at = COALESCE(email_verified_at, ?) WHERE id = ?',
    [passwordHash, now, userId],
    'run',
  );
}
