/** Request header in which src/proxy.ts passes the requested path (and query) to server components. */
export const CURRENT_PATH_HEADER = 'x-newsdesk-path';

/** After signing in: `/` sends each role to its landing page (src/app/page.tsx). */
export const HOME_PATH = '/';
export const DESK_PATH = '/desk';
export const STORIES_PATH = '/stories';
export const SCHEDULE_PATH = '/schedule';

/**
 * The origin `next` targets are resolved against. Any fixed origin serves: a target is accepted
 * only when it resolves to this same origin, i.e. when it is a path of whatever origin the admin is
 * served from (the same code runs on the server and in the browser, where the real one differs).
 */
const BASE = 'http://admin.invalid';

/** Characters that browsers strip or reinterpret in a URL (tab, CR, LF, other controls), backslashes (read as "/"), and any whitespace. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001F\u007F-\u009F\\\s]/;

/** Whether a (decoded or not) target would leave the origin or confuse a URL parser. */
function looksUnsafe(target: string): boolean {
  return UNSAFE.test(target) || !target.startsWith('/') || target.startsWith('//');
}

/**
 * A `next` target we are willing to redirect to after signing in: a path of the admin's own
 * origin only, never another origin ("//evil.example", "/\\evil.example", "/\t/evil.example",
 * "https://evil.example", "/.//evil.example") and never the sign-in page or the API. The target is
 * parsed as a browser would (`new URL(next, origin)`) and accepted only when the origin stays the
 * same; control characters, whitespace and backslashes (raw, or percent-encoded in the path) are
 * refused outright. Returns the parser's normalised path + query + hash, or `/`.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || next.length > 2048 || looksUnsafe(next)) return HOME_PATH;
  // Encoded tricks in the path ("/%2F/evil.example", "/%5Cevil.example", "/%09/"): the path must be
  // safe decoded too (the query and hash may hold anything encoded: they cannot change the origin).
  let decodedPath: string;
  try {
    decodedPath = decodeURIComponent(next.split(/[?#]/, 1)[0] ?? '');
  } catch {
    return HOME_PATH;
  }
  if (looksUnsafe(decodedPath)) return HOME_PATH;
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return HOME_PATH;
  }
  if (url.origin !== BASE) return HOME_PATH;
  const target = `${url.pathname}${url.search}${url.hash}`;
  // Dot segments may collapse into a protocol-relative path ("/.//evil.example" is "//evil.example").
  if (looksUnsafe(target)) return HOME_PATH;
  if (url.pathname === '/login' || url.pathname.startsWith('/api/') || url.pathname === '/api') return HOME_PATH;
  return target;
}

/** Why the visitor was sent to sign in, shown on the sign-in page (`?reason=`). */
export const SESSION_ENDED = 'session-ended';
export type LoginReason = typeof SESSION_ENDED;

export function loginPath(next?: string, reason?: LoginReason): string {
  const target = next ? safeNextPath(next) : HOME_PATH;
  const params = [target === HOME_PATH ? null : `next=${encodeURIComponent(target)}`, reason ? `reason=${reason}` : null].filter(Boolean);
  return params.length ? `/login?${params.join('&')}` : '/login';
}

/** The admin's reader preview of a story (any state; the API's `stories.preview`). */
export function storyPreviewPath(id: string, revision?: number): string {
  return `${STORIES_PATH}/${encodeURIComponent(id)}/preview${revision === undefined ? '' : `?revision=${revision}`}`;
}

export function publicStoryPath(slug: string): string {
  return `/api/public/stories/${encodeURIComponent(slug)}`;
}
