import { SESSION_COOKIE, type User } from '@newsdesk/contracts';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { createApi, isApiError, type Api } from './api';
import { apiUrl } from './config';
import { CURRENT_PATH_HEADER, SESSION_ENDED, loginPath } from './paths';

/**
 * For server components: talks to API_URL directly and forwards the visitor's session cookie.
 * Only import this from server code (it reads next/headers).
 */
export async function serverApi(): Promise<Api> {
  const session = (await cookies()).get(SESSION_COOKIE)?.value;
  return createApi({
    baseUrl: apiUrl(),
    headers: (): Record<string, string> => (session ? { cookie: `${SESSION_COOKIE}=${session}` } : {}),
  });
}

/** The path the visitor asked for (set by src/proxy.ts), to come back to after signing in. */
export async function currentPath(): Promise<string> {
  return (await headers()).get(CURRENT_PATH_HEADER) ?? '/stories';
}

/**
 * Sends the visitor to the sign-in page (and back here afterwards) when the API says the session is
 * gone. Pages are only rendered for visitors with a session cookie (src/proxy.ts), so a 401 here
 * means that session has ended: the sign-in page says so.
 */
export async function redirectWhenSignedOut(error: unknown): Promise<void> {
  if (isApiError(error) && error.status === 401) redirect(loginPath(await currentPath(), SESSION_ENDED));
}

/** The signed-in user, or a redirect to /login. Cached per request, so layout and page share one call. */
export const requireUser = cache(async (): Promise<User> => {
  try {
    return await (await serverApi()).me();
  } catch (error) {
    await redirectWhenSignedOut(error);
    throw error;
  }
});

/** The signed-in user, or null (for the login page). */
export async function optionalUser(): Promise<User | null> {
  if (!(await cookies()).has(SESSION_COOKIE)) return null;
  try {
    return await (await serverApi()).me();
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
}
