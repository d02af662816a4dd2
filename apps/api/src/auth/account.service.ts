import { Injectable } from '@nestjs/common';
import type { SessionList } from '@newsdesk/contracts';
import { AuditService } from '../audit/audit.service.js';
import { NotFoundError, ValidationError } from '../common/errors.js';
import { PasswordLinksService } from '../users/password-links.service.js';
import { UsersService } from '../users/users.service.js';
import { verifyPassword } from './password.js';
import type { Principal } from './principal.js';
import { SessionsRepository } from './sessions.repository.js';
import { SessionsService } from './sessions.service.js';

/** What a signed-in user does to their own account: password and sessions. */
@Injectable()
export class AccountService {
  constructor(
    private readonly sessionRows: SessionsRepository,
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly links: PasswordLinksService,
    private readonly audit: AuditService,
  ) {}

  /** Changes the password with the current one; every session ends, and this client gets a fresh one. */
  async changePassword(principal: Principal, current: string, next: string, meta: { ip: string; userAgent?: string }) {
    const user = await this.users.findForLogin(principal.email);
    if (!user?.passwordHash || !(await verifyPassword(current, user.passwordHash))) {
      throw new ValidationError([{ field: 'currentPassword', message: 'The current password is not correct' }]);
    }
    return this.sessionRows.transaction(async (tx) => {
      await this.users.setPassword(tx, principal.userId, next);
      await this.audit.record(tx, { actor: principal, action: 'password_change', entity: 'user', entityId: principal.userId, ip: meta.ip });
      return this.sessions.create(tx, principal.userId, meta);
    });
  }

  /** Redeems a one-time link (invitation or reset). */
  async setPasswordWithLink(token: string, password: string, ip: string): Promise<void> {
    await this.sessionRows.transaction(async (tx) => {
      const userId = await this.links.consume(tx, token);
      await this.users.setPassword(tx, userId, password);
      await this.audit.record(tx, { actor: null, action: 'password_change', entity: 'user', entityId: userId, ip });
    });
  }

  async listSessions(principal: Principal): Promise<SessionList> {
    const rows = await this.sessionRows.listActive(principal.userId);
    return {
      items: rows.map((row) => ({
        id: row.id,
        current: row.id === principal.sessionId,
        userAgent: row.user_agent,
        ip: row.ip,
        createdAt: row.created_at.toISOString(),
        lastSeenAt: row.last_seen_at.toISOString(),
        expiresAt: row.expires_at.toISOString(),
      })),
    };
  }

  /** Revokes one of one's own sessions; another user's session id answers 404, as if it did not exist. */
  async revokeSession(principal: Principal, sessionId: string, ip: string): Promise<void> {
    await this.sessionRows.transaction(async (tx) => {
      if (!(await this.sessionRows.isOwnOpen(tx, sessionId, principal.userId))) throw new NotFoundError('Session');
      await this.sessions.revoke(tx, sessionId);
      await this.audit.record(tx, { actor: principal, action: 'session_revoke', entity: 'session', entityId: sessionId, ip });
    });
  }
}
