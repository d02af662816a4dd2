import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import {
  ChangePasswordSchema,
  IdParamSchema,
  LoginSchema,
  SESSION_COOKIE,
  SetPasswordSchema,
  type LoginResponse,
  type LoginThrottleList,
  type SessionList,
  type User,
} from '@newsdesk/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ZodPipe } from '../common/zod.pipe.js';
import { CONFIG, type Config } from '../config.js';
import { AccountService } from './account.service.js';
import { AuthService } from './auth.service.js';
import { Can, CurrentPrincipal, Public } from './can.decorator.js';
import { LoginThrottleService } from './login-throttle.service.js';
import type { Principal } from './principal.js';

@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly account: AccountService,
    private readonly throttles: LoginThrottleService,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  async login(
    @Body(new ZodPipe(LoginSchema)) body: { email: string; password: string },
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LoginResponse> {
    const { token, user, expiresAt } = await this.auth.login(body.email, body.password, {
      ip: request.ip,
      userAgent: request.headers['user-agent'],
    });
    this.setSessionCookie(reply, token, expiresAt);
    return { token, user };
  }

  private setSessionCookie(reply: FastifyReply, token: string, expires: Date): void {
    void reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.NODE_ENV === 'production',
      path: '/',
      expires,
    });
  }

  @Can('self')
  @Post('logout')
  @HttpCode(204)
  async logout(
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.auth.logout(principal, request.ip);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @Can('self')
  @Get('me')
  me(@CurrentPrincipal() principal: Principal): User {
    return { id: principal.userId, email: principal.email, name: principal.name, roles: principal.roles };
  }

  /** Change one's own password with the current one. All sessions end; the answer carries a fresh one. */
  @Can('self')
  @Post('password')
  @HttpCode(200)
  async changePassword(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodPipe(ChangePasswordSchema)) body: { currentPassword: string; newPassword: string },
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ token: string }> {
    const { token, expiresAt } = await this.account.changePassword(principal, body.currentPassword, body.newPassword, {
      ip: request.ip,
      userAgent: request.headers['user-agent'],
    });
    this.setSessionCookie(reply, token, expiresAt);
    return { token };
  }

  /** Redeem a one-time set-password link (no session needed: the token is the credential). */
  @Public()
  @Post('set-password')
  @HttpCode(204)
  async setPassword(
    @Body(new ZodPipe(SetPasswordSchema)) body: { token: string; password: string },
    @Req() request: FastifyRequest,
  ): Promise<void> {
    await this.account.setPasswordWithLink(body.token, body.password, request.ip);
  }

  @Can('self')
  @Get('sessions')
  sessions(@CurrentPrincipal() principal: Principal): Promise<SessionList> {
    return this.account.listSessions(principal);
  }

  @Can('self')
  @Delete('sessions/:id')
  @HttpCode(204)
  async revokeSession(
    @CurrentPrincipal() principal: Principal,
    @Param(new ZodPipe(IdParamSchema)) params: { id: string },
    @Req() request: FastifyRequest,
  ): Promise<void> {
    await this.account.revokeSession(principal, params.id, request.ip);
  }

  /** Recent sign-in throttling (admins): throttled addresses, accounts at an address, accounts under attack. */
  @Can('throttle.manage')
  @Get('throttles')
  listThrottles(): Promise<LoginThrottleList> {
    return this.throttles.list();
  }

  /** Clears one entry and the attempts it counts: that address (or account) may sign in again at once. */
  @Can('throttle.manage')
  @Delete('throttles/:id')
  @HttpCode(204)
  async clearThrottle(
    @CurrentPrincipal() principal: Principal,
    @Param(new ZodPipe(IdParamSchema)) params: { id: string },
    @Req() request: FastifyRequest,
  ): Promise<void> {
    await this.throttles.clear(params.id, principal, request.ip);
  }
}
