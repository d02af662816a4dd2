import { Injectable } from '@nestjs/common';
import type { LoginResponse } from '@newsdesk/contracts';
import { UnauthenticatedError } from '../common/errors.js';
import { UsersService, toUserDto } from '../users/users.service.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { DUMMY_HASH, verifyPassword } from './password.js';
import { SessionsService } from './sessions.service.js';

const BAD_CREDENTIALS = 'Email or password is incorrect.';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly throttle: LoginThrottleService,
  ) {}

  /** Same answer, and about the same time, for an unknown email and a wrong password. */
  async login(email: string, password: string, meta: { ip: string; userAgent?: string }): Promise<LoginResponse & { expiresAt: Date }> {
    await this.throttle.check(email, meta.ip);
    const user = await this.users.findForLogin(email);
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok) {
      await this.throttle.recordFailure(email, meta.ip);
      throw new UnauthenticatedError(BAD_CREDENTIALS);
    }
    await this.throttle.clear(email);
    const { token, expiresAt } = await this.sessions.create(user.id, meta);
    return { token, user: toUserDto(user), expiresAt };
  }
}
