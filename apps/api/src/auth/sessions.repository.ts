import { Injectable } from '@nestjs/common';
import type { Role } from '@newsdesk/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { exec, one, rows, type Db } from '../common/db.js';

/** A live session with its user, as the access check needs it. */
export type SessionPrincipalRow = { session_id: string; user_id: string; email: string; name: string; roles: Role[]; stale: boolean };

/** One of a user's live sessions, as their account page lists it. */
export type SessionRow = {
  id: string;
  user_agent: string | null;
  ip: string | null;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
};

/** Every SQL statement of sessions. Tokens are stored only as SHA-256 hashes. */
@Injectable()
export class SessionsRepository {
  constructor(private readonly db: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async insert(
    tx: Db,
    session: { userId: string; tokenHash: Buffer; userAgent: string | null; ip: string | null; expiresAt: Date },
  ): Promise<string> {
    const row = await one<{ id: string }>(
      tx,
      `INSERT INTO sessions (user_id, token_hash, user_agent, ip, expires_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [session.userId, session.tokenHash, session.userAgent, session.ip, session.expiresAt],
    );
    if (!row) throw new Error('INSERT INTO sessions returned no row');
    return row.id;
  }

  /** The unexpired, unrevoked session with this token hash, seen within `idleHours`, of an active user; `stale`: last seen over a minute ago. */
  resolve(tokenHash: Buffer, idleHours: number, tx: Db = this.db): Promise<SessionPrincipalRow | undefined> {
    return one<SessionPrincipalRow>(
      tx,
      `SELECT s.id AS session_id, u.id AS user_id, u.email, u.name, u.roles,
              s.last_seen_at < now() - interval '1 minute' AS stale
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()
          AND s.last_seen_at > now() - make_interval(hours => $2) AND u.active`,
      [tokenHash, idleHours],
    );
  }

  async touch(sessionId: string, tx: Db = this.db): Promise<void> {
    await exec(tx, `UPDATE sessions SET last_seen_at = now() WHERE id = $1`, [sessionId]);
  }

  async revoke(tx: Db, sessionId: string): Promise<void> {
    await exec(tx, `UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [sessionId]);
  }

  async revokeAllOf(tx: Db, userId: string): Promise<void> {
    await exec(tx, `UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [userId]);
  }

  /** The user's unrevoked, unexpired sessions, most recently seen first. */
  listActive(userId: string, tx: Db = this.db): Promise<SessionRow[]> {
    return rows<SessionRow>(
      tx,
      `SELECT id, user_agent, ip, created_at, last_seen_at, expires_at FROM sessions
        WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now() ORDER BY last_seen_at DESC`,
      [userId],
    );
  }

  /** Whether this unrevoked session is the user's. */
  async isOwnOpen(tx: Db, sessionId: string, userId: string): Promise<boolean> {
    return Boolean(
      await one<{ id: string }>(tx, `SELECT id FROM sessions WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL`, [sessionId, userId]),
    );
  }
}
