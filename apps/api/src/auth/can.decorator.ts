import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Permission } from '@newsdesk/contracts';
import type { Principal } from './principal.js';

export const PERMISSION_KEY = 'newsdesk:permission';
export const PUBLIC_KEY = 'newsdesk:public';

/** The permission a route needs (see PERMISSIONS in the contracts). A route without @Can or @Public is refused. */
export const Can = (permission: Permission) => SetMetadata(PERMISSION_KEY, permission);

/** Open to anyone, signed in or not: health, docs, the public read API, login. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The signed-in principal of this request (set by AccessGuard). */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<{ principal?: Principal }>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a route without a session');
  return principal;
});
