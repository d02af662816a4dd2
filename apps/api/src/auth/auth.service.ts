import { Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { AuditService } from '../audit/audit.service.js';
import type { LoginResponse } from '@newsdesk/contracts';
import { UnauthenticatedError } from '../common/errors.js';
import { UsersService, toUserDto } from '../users/users.service.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { DUMMY_HASH, verifyPassword } from './password.js';
import type { Principal } from './principal.js';
import { SessionsRepository } from './sessions.repository.js';
import { SessionsService } from './sessions.service.js';

const BAD_CREDENTIALS = 'Email or password is incorrect.';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly throttle: LoginThrottleService,
    private readonly audit: AuditService,
    private readonly sessionRows: SessionsRepository,
  ) {}

  /**
   * Same answer, and about the same time, for an unknown email and a wrong password. The attempt
   * is reserved (counted) before the password is checked, so parallel requests cannot outrun the
   * throttle; a success releases its reservation.
   */
  async login(email: string, password: string, meta: { ip: string; userAgent?: string }): Promise<LoginResponse & { expiresAt: Date }> {
    const reservation = await this.throttle.reserve(email, meta.ip);
    if (reservation.delayMs > 0) await sleep(reservation.delayMs);
    const user = await this.users.findForLogin(email);
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok) {
      await this.sessionRows.transaction(async (tx) => {
        await this.throttle.failed(tx, reservation);
        await this.audit.record(tx, {
          actor: null,
          action: 'login_failed',
          entity: 'user',
          entityId: user?.id ?? null,
          diff: { email: [null, email] },
          ip: meta.ip,
        });
      });
      throw new UnauthenticatedError(BAD_CREDENTIALS);
    }
    const { token, expiresAt } = await this.sessionRows.transaction(async (tx) => {
      await this.throttle.succeeded(tx, reservation, email, meta.ip);
      const session = await this.sessions.create(tx, user.id, meta);
      await this.audit.record(tx, {
        actor: { userId: user.id, email: user.email },
        action: 'login',
        entity: 'session',
        entityId: session.sessionId,
        ip: meta.ip,
      });
      return session;
    });
    return { token, user: toUserDto(user), expiresAt };
  }

  async logout(principal: Principal, ip: string): Promise<void> {
    await this.sessionRows.transaction(async (tx) => {
      await this.sessions.revoke(tx, principal.sessionId);
      await this.audit.record(tx, { actor: principal, action: 'logout', entity: 'session', entityId: principal.sessionId, ip });
    });
  }
}
