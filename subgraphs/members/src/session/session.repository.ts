import { IsolationLevel, LockMode } from '@mikro-orm/core';
import type { EntityManager, FilterQuery } from '@mikro-orm/mysql';
import { type Clock, markSessionsRevoked } from '@social/kit';
import type { Redis } from 'ioredis';
import { revocationTtl, type SessionsConfig } from '../config';
import { OPAQUE_TOKEN_PATTERN, hashToken, newOpaqueToken } from '../shared/opaque-token';
import type { ClientInfo } from './client-info';
import { deriveRefreshToken, newRotationNonce, sameHash } from './refresh-token';
import { Session } from './session.entity';

export type RefreshOutcome =
  | { kind: 'rotated' | 'grace'; session: Session; refreshToken: string }
  | { kind: 'reused' | 'expired' | 'invalid' };

export type RevokeReason =
  | 'logout'
  | 'logout_all'
  | 'password_changed'
  | 'password_reset'
  | 'reuse_detected'
  | 'ended'
  | 'account_deleted';

export interface SessionRepositoryDeps {
  /** Read at each call: tests change lifetimes on a running server. */
  config: SessionsConfig;
  clock: Clock;
  redis: Redis;
}

/**
 * Every read and write of `sessions` and `refresh_token_ancestors`. Rotation decides inside
 * its transaction, under the row lock, so the decision and the write cannot be torn apart.
 */
export function createSessionRepository(deps: SessionRepositoryDeps) {
  const { config, clock } = deps;
  const now = () => new Date(clock());
  const isExpired = (session: Session, at: Date) =>
    at >= session.idleExpiresAt || at >= session.absoluteExpiresAt;

  /** A new family: one per login. */
  async function start(em: EntityManager, userId: string, client: ClientInfo) {
    const at = now();
    const refreshToken = newOpaqueToken();
    const session = new Session();
    const absolute = new Date(at.getTime() + config.refreshAbsoluteTtl * 1000);
    Object.assign(session, {
      userId,
      refreshHash: hashToken(refreshToken),
      createdAt: at,
      lastUsedAt: at,
      device: client.device,
      address: client.address,
      absoluteExpiresAt: absolute,
      idleExpiresAt: minDate(new Date(at.getTime() + config.refreshTokenTtl * 1000), absolute),
    });
    // One autocommit INSERT: a flush would wrap the one row in BEGIN and COMMIT, two more
    // round trips on every login.
    await em.insert(session);
    return { session, refreshToken };
  }

  function rotate(
    session: Session,
    presented: string,
    presentedHash: string,
    at: Date,
    client: ClientInfo,
  ): RefreshOutcome {
    if (session.revokedAt) return { kind: 'invalid' };
    if (isExpired(session, at)) return { kind: 'expired' };
    const nonce = newRotationNonce();
    const next = deriveRefreshToken(presented, nonce);
    Object.assign(session, {
      prevRefreshHash: presentedHash,
      refreshHash: hashToken(next),
      rotationNonce: nonce,
      rotatedAt: at,
      lastUsedAt: at,
      device: client.device,
      address: client.address,
      // Sliding idle lifetime, never past the absolute cap.
      idleExpiresAt: minDate(
        new Date(at.getTime() + config.refreshTokenTtl * 1000),
        session.absoluteExpiresAt,
      ),
    });
    return { kind: 'rotated', session, refreshToken: next };
  }

  /** The immediate predecessor within the grace window: the current token again, no new branch. */
  function handBack(session: Session, presented: string, at: Date): RefreshOutcome | null {
    const rotatedAt = session.rotatedAt?.getTime();
    if (session.revokedAt || !session.rotationNonce || rotatedAt === undefined) return null;
    if (at.getTime() - rotatedAt >= config.refreshReuseGrace * 1000) return null;
    if (isExpired(session, at)) return { kind: 'expired' };
    const current = deriveRefreshToken(presented, session.rotationNonce);
    if (!sameHash(hashToken(current), session.refreshHash)) return null;
    return { kind: 'grace', session, refreshToken: current };
  }

  /**
   * Rotation under a row lock, READ COMMITTED so no gap locks: of 20 concurrent refreshes of
   * one token, one finds it current and rotates; the others wait on that row, then find it
   * as the predecessor and get the current pair back (or, after the grace window, trip reuse).
   */
  async function refresh(
    em: EntityManager,
    presented: string,
    client: ClientInfo,
  ): Promise<RefreshOutcome> {
    if (!OPAQUE_TOKEN_PATTERN.test(presented)) return { kind: 'invalid' };
    const hash = hashToken(presented);
    const at = now();
    return em.transactional(
      async (tx) => {
        const current = await tx.findOne(
          Session,
          { refreshHash: hash },
          { lockMode: LockMode.PESSIMISTIC_WRITE },
        );
        if (current) {
          const outcome = rotate(current, presented, hash, at, client);
          if (outcome.kind === 'rotated') {
            await tx.execute(
              'INSERT INTO refresh_token_ancestors (token_hash, session_id) VALUES (?, ?)',
              [hash, current.id],
              'run',
            );
          }
          return outcome;
        }
        const successor = await tx.findOne(
          Session,
          { prevRefreshHash: hash },
          { lockMode: LockMode.PESSIMISTIC_WRITE },
        );
        const handedBack = successor ? handBack(successor, presented, at) : null;
        if (handedBack) return handedBack;
        return detectReuse(tx, hash);
      },
      { isolationLevel: IsolationLevel.READ_COMMITTED },
    );
  }

  /** A rotated-away token shown again (outside the grace window): theft; the family dies. */
  async function detectReuse(tx: EntityManager, hash: string): Promise<RefreshOutcome> {
    const rows = await tx.execute<Array<{ session_id: string }>>(
      'SELECT session_id FROM refresh_token_ancestors WHERE token_hash = ?',
      [hash],
    );
    const sessionId = rows[0]?.session_id;
    if (!sessionId) return { kind: 'invalid' };
    await revoke(tx, { id: sessionId }, 'reuse_detected');
    return { kind: 'reused' };
  }

  /**
   * Revokes the live sessions matching `where` inside the caller's transaction and records
   * them in Redis before it commits: if Redis fails the revocation rolls back and the caller
   * sees an error, never a "logged out" whose access token still works. Returns how many
   * sessions were still usable.
   */
  async function revoke(
    tx: EntityManager,
    where: FilterQuery<Session>,
    reason: RevokeReason,
  ): Promise<number> {
    const at = now();
    const sessions = await tx.find(
      Session,
      { $and: [where, { revokedAt: null }] },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (sessions.length === 0) return 0;
    await tx.nativeUpdate(
      Session,
      { id: { $in: sessions.map((s) => s.id) } },
      { revokedAt: at, revokedReason: reason },
    );
    await markSessionsRevoked(
      deps.redis,
      sessions.map((s) => s.id),
      revocationTtl(config),
    );
    return sessions.filter((s) => !isExpired(s, at)).length;
  }

  /** The session a refresh token (current or immediate predecessor) belongs to. */
  async function findByRefreshToken(em: EntityManager, presented: string): Promise<Session | null> {
    if (!OPAQUE_TOKEN_PATTERN.test(presented)) return null;
    const hash = hashToken(presented);
    return em.findOne(Session, { $or: [{ refreshHash: hash }, { prevRefreshHash: hash }] });
  }

  /** The member's sessions that can still refresh, newest first. */
  function listLive(em: EntityManager, userId: string): Promise<Session[]> {
    const at = now();
    return em.find(
      Session,
      { userId, revokedAt: null, idleExpiresAt: { $gt: at }, absoluteExpiresAt: { $gt: at } },
      { orderBy: { createdAt: 'desc', id: 'desc' } },
    );
  }

  return { start, refresh, revoke, findByRefreshToken, listLive };
}

export type SessionRepository = ReturnType<typeof createSessionRepository>;

function minDate(a: Date, b: Date): Date {
  return a.getTime() <= b.getTime() ? a : b;
}
