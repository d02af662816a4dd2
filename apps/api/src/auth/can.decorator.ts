import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Permission } from '@newsdesk/contracts';
import type { Principal } from './principal.js';

export const PERMISSION_KEY = 'newsdesk:permission';
export const PUBLIC_KEY = 'newsdesk:public';

/** The permission a route needs (see PERMISSIONS in the contracts). A route without @Can or @Public is refused. */
export const Can = (permission: Permission) => SetMetadata(PERMISSION_KEY, permission);

/** Open to anyone, signed in or not: health, docs, the public read API, login. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export const OPTIONAL_SESSION_KEY = 'newsdesk:optional-session';

/**
 * On a @Public() route: the session, when the request carries a valid one, is resolved and set as the
 * request's principal (read it with OptionalPrincipal); without one, or with an invalid one, the
 * request goes on anonymous. For answers that differ for staff (an unreferenced original).
 */
export const OptionalSession = () => SetMetadata(OPTIONAL_SESSION_KEY, true);

/** The principal of a request on an @OptionalSession() route, or null when anonymous. */
export const OptionalPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal | null =>
    context.switchToHttp().getRequest<{ principal?: Principal }>().principal ?? null,
);

/** The signed-in principal of this request (set by AccessGuard). */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<{ principal?: Principal }>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a route without a session');
  return principal;
});
