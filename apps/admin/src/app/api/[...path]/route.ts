import { CSRF_HEADER } from '@newsdesk/contracts';
import type { NextRequest } from 'next/server';
import { apiUrl } from '@/lib/config';

/**
 * Same-origin proxy: the browser only talks to the admin's origin, and every /api/* request is
 * forwarded to `${API_URL}/api/*` (API_URL read per request, so it is runtime configuration).
 * The session cookie therefore belongs to the admin's origin, and the API sees the same cookie,
 * Authorization, Origin and CSRF headers the browser sent.
 *
 * X-Forwarded-For: the admin's server (server/server.mjs) has already replaced whatever the client
 * sent with the one client address it decided from the socket (and a trusted proxy's header,
 * ADMIN_TRUST_PROXY), so the API, which trusts the admin's address (TRUST_PROXY), throttles and
 * audits the real client. (`next dev` does not do this: there, a client can name its address.)
 */

/** Request headers passed on to the API; everything else (host, connection, ...) stays here. */
const FORWARDED_REQUEST_HEADERS = [
  'accept',
  'accept-language',
  'authorization',
  'content-type',
  'cookie',
  'if-match',
  'if-none-match',
  'origin',
  'user-agent',
  CSRF_HEADER,
  'x-forwarded-for',
  'x-request-id',
];

/**
 * Response headers not copied back: hop-by-hop headers, and the body's transfer framing, which
 * no longer applies because fetch() has already decoded the body.
 */
const DROPPED_RESPONSE_HEADERS = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'content-encoding',
  'content-length',
  'set-cookie',
]);

const UPSTREAM_TIMEOUT_MS = 30_000;

function upstreamUrl(request: NextRequest): string {
  // The path stays percent-encoded as received, so ids and slugs reach the API unchanged.
  const { pathname, search } = request.nextUrl;
  return `${apiUrl()}${pathname}${search}`;
}

function forwardedHeaders(request: NextRequest): Headers {
  const headers = new Headers();
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = request.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  return headers;
}

function problem(status: number, title: string, detail: string): Response {
  return Response.json({ type: 'about:blank', title, status, detail }, { status, headers: { 'content-type': 'application/problem+json' } });
}

async function forward(request: NextRequest): Promise<Response> {
  const method = request.method.toUpperCase();
  const hasBody = method !== 'GET' && method !== 'HEAD';
  let upstream: Response;
  try {
    upstream = await fetch(upstreamUrl(request), {
      method,
      headers: forwardedHeaders(request),
      body: hasBody ? await request.arrayBuffer() : undefined,
      redirect: 'manual',
      cache: 'no-store',
      signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS),
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    console.error(`[api proxy] ${method} ${request.nextUrl.pathname} failed: ${reason}`);
    return problem(502, 'The Newsdesk API is unreachable', 'The admin could not reach the API. Try again in a moment.');
  }

  const headers = new Headers();
  upstream.headers.forEach((value, name) => {
    if (!DROPPED_RESPONSE_HEADERS.has(name.toLowerCase())) headers.set(name, value);
  });
  for (const cookie of upstream.headers.getSetCookie()) headers.append('set-cookie', cookie);

  const noBody = method === 'HEAD' || upstream.status === 204 || upstream.status === 304;
  return new Response(noBody ? null : upstream.body, {
    status: upstream.status,
    statusText: upstream.statusText,
    headers,
  });
}

export const GET = forward;
export const HEAD = forward;
export const POST = forward;
export const PUT = forward;
export const PATCH = forward;
export const DELETE = forward;
export const OPTIONS = forward;
