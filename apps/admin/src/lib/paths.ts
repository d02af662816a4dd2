/** Request header in which src/proxy.ts passes the requested path (and query) to server components. */
export const CURRENT_PATH_HEADER = 'x-newsdesk-path';

/** After signing in: `/` sends each role to its landing page (src/app/page.tsx). */
export const HOME_PATH = '/';
export const DESK_PATH = '/desk';
export const STORIES_PATH = '/stories';
export const SCHEDULE_PATH = '/schedule';

/**
 * A `next` target we are willing to redirect to after signing in: a local path only, never another
 * origin ("//evil.example", "/\\evil.example") and never the sign-in page itself.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return HOME_PATH;
  if (next === '/login' || next.startsWith('/login?') || next.startsWith('/api/')) return HOME_PATH;
  return next;
}

/** Why the visitor was sent to sign in, shown on the sign-in page (`?reason=`). */
export const SESSION_ENDED = 'session-ended';
export type LoginReason = typeof SESSION_ENDED;

export function loginPath(next?: string, reason?: LoginReason): string {
  const target = next ? safeNextPath(next) : HOME_PATH;
  const params = [target === HOME_PATH ? null : `next=${encodeURIComponent(target)}`, reason ? `reason=${reason}` : null].filter(Boolean);
  return params.length ? `/login?${params.join('&')}` : '/login';
}

export function publicStoryPath(slug: string): string {
  return `/api/public/stories/${encodeURIComponent(slug)}`;
}
