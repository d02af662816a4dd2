import { SESSION_COOKIE, type User } from '@newsdesk/contracts';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { createApi, isApiError, type Api } from './api';
import { apiUrl } from './config';
import { CURRENT_PATH_HEADER, SESSION_ENDED, loginPath } from './paths';

/**
 * For server components: talks to API_URL directly and forwards the visitor's session cookie.
 * A 401 from a call that needs a session sends the visitor to the sign-in page (and back here
 * afterwards): pages are only rendered for visitors with a session cookie (src/proxy.ts), so a 401
 * means that session has ended, and the sign-in page says so. Pages need no handling of their own.
 * Only import this from server code (it reads next/headers).
 */
export async function serverApi({ redirectWhenSignedOut = true } = {}): Promise<Api> {
  const session = (await cookies()).get(SESSION_COOKIE)?.value;
  return createApi({
    baseUrl: apiUrl(),
    headers: (): Record<string, string> => (session ? { cookie: `${SESSION_COOKIE}=${session}` } : {}),
    onSessionEnd: redirectWhenSignedOut ? async () => redirect(loginPath(await currentPath(), SESSION_ENDED)) : undefined,
  });
}

/** The path the visitor asked for (set by src/proxy.ts), to come back to after signing in. */
export async function currentPath(): Promise<string> {
  return (await headers()).get(CURRENT_PATH_HEADER) ?? '/stories';
}

/** The signed-in user, or a redirect to /login. Cached per request, so layout and page share one call. */
export const requireUser = cache(async (): Promise<User> => (await serverApi()).call('auth.me'));

/** The signed-in user, or null (for the login page, which must not redirect to itself). */
export async function optionalUser(): Promise<User | null> {
  if (!(await cookies()).has(SESSION_COOKIE)) return null;
  try {
    return await (await serverApi({ redirectWhenSignedOut: false })).call('auth.me');
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
}

/**
 * For pages a guest opens without an account (a share link): no session cookie is sent, even when
 * the visitor has one, and the visitor's address (decided by server/server.mjs) is passed on as
 * X-Forwarded-For, so the API throttles each guest by their own address, not the admin server's.
 */
export async function guestApi(): Promise<Api> {
  const client = (await headers()).get('x-forwarded-for');
  return createApi({ baseUrl: apiUrl(), headers: (): Record<string, string> => (client ? { 'x-forwarded-for': client } : {}) });
}
