import { type CanActivate, type ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { CSRF_HEADER, CSRF_VALUE, SESSION_COOKIE, can, type Permission } from '@newsdesk/contracts';
import type { FastifyRequest } from 'fastify';
import { ForbiddenError, UnauthenticatedError } from '../common/errors.js';
import { CONFIG, type Config } from '../config.js';
import { OPTIONAL_SESSION_KEY, PERMISSION_KEY, PUBLIC_KEY } from './can.decorator.js';
import type { Principal } from './principal.js';
import { SessionsService } from './sessions.service.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The origins of ADMIN_ORIGIN (comma-separated), normalised (scheme://host[:port]). */
export function adminOrigins(adminOrigin: string): Set<string> {
  const origins = new Set<string>();
  for (const entry of adminOrigin.split(',')) {
    try {
      origins.add(new URL(entry.trim()).origin);
    } catch {
      // not a URL: matches nothing
    }
  }
  return origins;
}

/**
 * The one guard on every route, deny by default: a route must declare @Public() or @Can(permission);
 * anything else is refused. Sessions come from a Bearer token or the session cookie.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger('access');

  private readonly origins: Set<string>;

  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionsService,
    @Inject(CONFIG) config: Config,
  ) {
    this.origins = adminOrigins(config.ADMIN_ORIGIN);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<FastifyRequest & { principal?: Principal }>();
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) {
      if (this.reflector.getAllAndOverride<boolean>(OPTIONAL_SESSION_KEY, targets)) {
        // Safe methods only (no CSRF check needed): a missing or invalid session leaves the request anonymous.
        const principal = SAFE_METHODS.has(request.method) ? await this.authenticate(request).catch(() => null) : null;
        if (principal) request.principal = principal;
      }
      return true;
    }
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(PERMISSION_KEY, targets);
    if (!permission) {
      this.logger.error({ url: request.url }, 'route declares no permission; refused');
      throw new ForbiddenError('This route declares no permission.');
    }
    const principal = await this.authenticate(request);
    if (principal.via === 'cookie' && !SAFE_METHODS.has(request.method)) this.checkCsrf(request);
    if (!can(principal.roles, permission)) throw new ForbiddenError();
    request.principal = principal;
    return true;
  }

  /**
   * CSRF defence for cookie-authenticated writes: a browser's Origin must be the admin's own
   * (ADMIN_ORIGIN); without an Origin (older browsers, same-origin server code) the custom
   * X-Newsdesk-CSRF header, which a cross-site form cannot send, is required. A foreign Origin is
   * refused even with the header.
   */
  private checkCsrf(request: FastifyRequest): void {
    const origin = request.headers.origin;
    if (origin !== undefined) {
      if (!this.origins.has(origin))
        throw new ForbiddenError(
          `Cookie-authenticated writes are accepted only from the admin's origin (ADMIN_ORIGIN); this one came from ${JSON.stringify(origin.slice(0, 200))}.`,
        );
      return;
    }
    if (request.headers[CSRF_HEADER] !== CSRF_VALUE)
      throw new ForbiddenError(`Cookie-authenticated writes must send the ${CSRF_HEADER} header.`);
  }

  private async authenticate(request: FastifyRequest): Promise<Principal> {
    const authorization = request.headers.authorization;
    if (authorization?.startsWith('Bearer ')) {
      const principal = await this.sessions.resolve(authorization.slice(7).trim(), 'bearer');
      if (principal) return principal;
    }
    const cookie = request.cookies?.[SESSION_COOKIE];
    if (cookie) {
      const principal = await this.sessions.resolve(cookie, 'cookie');
      if (principal) return principal;
    }
    throw new UnauthenticatedError();
  }
}
