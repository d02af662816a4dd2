import { Inject, Injectable } from '@nestjs/common';
import type { Role } from '@newsdesk/contracts';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { CONFIG, type Config } from '../config.js';
import type { Principal } from './principal.js';

const hashToken = (token: string) => createHash('sha256').update(token).digest();

/** Server-side sessions: opaque random tokens, stored hashed, with expiry and an idle timeout. */
@Injectable()
export class SessionsService {
  constructor(
    private readonly db: DataSource,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  async create(tx: EntityManager, userId: string, meta: { userAgent?: string; ip?: string }): Promise<{ token: string; expiresAt: Date; sessionId: string }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.SESSION_TTL_HOURS * 3_600_000);
    const [row]: Array<{ id: string }> = await tx.query(
      `INSERT INTO sessions (user_id, token_hash, user_agent, ip, expires_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [userId, hashToken(token), meta.userAgent?.slice(0, 300) ?? null, meta.ip ?? null, expiresAt],
    );
    return { token, expiresAt, sessionId: row!.id };
  }

  /** The principal behind a token, or null when it is unknown, expired, idle too long, revoked, or its user is inactive. */
  async resolve(token: string, via: Principal['via']): Promise<Principal | null> {
    if (!token || token.length > 200) return null;
    const rows: Array<{ session_id: string; user_id: string; email: string; name: string; roles: Role[]; stale: boolean }> = await this.db.query(
      `SELECT s.id AS session_id, u.id AS user_id, u.email, u.name, u.roles,
                      s.last_seen_at < now() - interval '1 minute' AS stale
                 FROM sessions s JOIN users u ON u.id = s.user_id
                WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()
                  AND s.last_seen_at > now() - make_interval(hours => $2) AND u.active`,
      [hashToken(token), this.config.SESSION_IDLE_HOURS],
    );
    const row = rows[0];
    if (!row) return null;
    if (row.stale) await this.db.query(`UPDATE sessions SET last_seen_at = now() WHERE id = $1`, [row.session_id]);
    return { userId: row.user_id, email: row.email, name: row.name, roles: row.roles, sessionId: row.session_id, via };
  }

  async revoke(tx: EntityManager, sessionId: string): Promise<void> {
    await tx.query(`UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [sessionId]);
  }

  async revokeAllOf(tx: EntityManager, userId: string): Promise<void> {
    await tx.query(`UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [userId]);
  }
}
