import { SESSION_COOKIE } from '@newsdesk/contracts';
import { NextResponse, type NextRequest } from 'next/server';
import { CURRENT_PATH_HEADER, loginPath } from './lib/paths';

/**
 * Optimistic sign-in check for pages: without a session cookie there is no point rendering a
 * protected page, so go to /login straight away (remembering where the visitor was going).
 * The authoritative check is the API's: the desk layout calls GET /api/auth/me on every render.
 * The requested path is also handed to server components, which cannot see the URL otherwise.
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const path = `${pathname}${search}`;
  if (!request.cookies.has(SESSION_COOKIE)) {
    return NextResponse.redirect(new URL(loginPath(path), request.url));
  }
  const headers = new Headers(request.headers);
  headers.set(CURRENT_PATH_HEADER, path);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // Pages only: not the API proxy, Next's assets, static files, the sign-in page itself, the
  // public page that redeems a one-time set-password link (the link's token is its credential), or
  // a guest's shared story (/shared/{token}: the share link's token is its credential).
  matcher: ['/((?!api/|_next/|login|set-password|shared/|favicon\\.ico|robots\\.txt|.*\\.(?:svg|png|ico|css|js)$).*)'],
};
