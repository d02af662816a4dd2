import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { LoginSchema, SESSION_COOKIE, type LoginResponse, type User } from '@newsdesk/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ZodPipe } from '../common/zod.pipe.js';
import { CONFIG, type Config } from '../config.js';
import { AuthService } from './auth.service.js';
import { Can, CurrentPrincipal, Public } from './can.decorator.js';
import type { Principal } from './principal.js';
import { SessionsService } from './sessions.service.js';

@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
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
    void reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.NODE_ENV === 'production',
      path: '/',
      expires: expiresAt,
    });
    return { token, user };
  }

  @Can('self')
  @Post('logout')
  @HttpCode(204)
  async logout(@CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.sessions.revoke(principal.sessionId);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @Can('self')
  @Get('me')
  me(@CurrentPrincipal() principal: Principal): User {
    return { id: principal.userId, email: principal.email, name: principal.name, roles: principal.roles };
  }
}
