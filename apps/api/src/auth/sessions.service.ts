import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { CONFIG, type Config } from '../config.js';
import type { Principal } from './principal.js';
import { SessionsRepository } from './sessions.repository.js';

const hashToken = (token: string) => createHash('sha256').update(token).digest();

/** Server-side sessions: opaque random tokens, stored hashed, with expiry and an idle timeout. */
@Injectable()
export class SessionsService {
  constructor(
    private readonly sessions: SessionsRepository,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  async create(
    tx: EntityManager,
    userId: string,
    meta: { userAgent?: string; ip?: string },
  ): Promise<{ token: string; expiresAt: Date; sessionId: string }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.SESSION_TTL_HOURS * 3_600_000);
    const sessionId = await this.sessions.insert(tx, {
      userId,
      tokenHash: hashToken(token),
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
      ip: meta.ip ?? null,
      expiresAt,
    });
    return { token, expiresAt, sessionId };
  }

  /** The principal behind a token, or null when it is unknown, expired, idle too long, revoked, or its user is inactive. */
  async resolve(token: string, via: Principal['via']): Promise<Principal | null> {
    if (!token || token.length > 200) return null;
    const row = await this.sessions.resolve(hashToken(token), this.config.SESSION_IDLE_HOURS);
    if (!row) return null;
    if (row.stale) await this.sessions.touch(row.session_id);
    return { userId: row.user_id, email: row.email, name: row.name, roles: row.roles, sessionId: row.session_id, via };
  }

  async revoke(tx: EntityManager, sessionId: string): Promise<void> {
    await this.sessions.revoke(tx, sessionId);
  }

  async revokeAllOf(tx: EntityManager, userId: string): Promise<void> {
    await this.sessions.revokeAllOf(tx, userId);
  }
}
