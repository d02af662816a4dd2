import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
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
 *
 * Bodies stream both ways, never buffered here: a request body (e.g. a 1 GiB audio upload) is
 * piped to the API as it arrives, with backpressure (node:http: see sendWithBody), and a response
 * body (e.g. audio the player reads) is piped back as the API sends it. Range requests
 * pass through (Range/If-Range in; 206, Content-Range, Accept-Ranges, Content-Length out), so the
 * admin's <audio> player can seek. src/proxy.ts does not match /api/*, so Next never clones (and so
 * never buffers or truncates) these bodies for it; no body size limit applies here (the API's own
 * limits answer 413).
 */

/** Request headers passed on to the API; everything else (host, connection, ...) stays here. */
const FORWARDED_REQUEST_HEADERS = [
  'accept',
  'accept-language',
  'authorization',
  'content-length',
  'content-type',
  'cookie',
  'if-match',
  'if-none-match',
  'if-range',
  'origin',
  'range',
  'user-agent',
  CSRF_HEADER,
  'x-forwarded-for',
  'x-request-id',
];

/**
 * Response headers not copied back: hop-by-hop headers, and the body's transfer framing, which
 * no longer applies because fetch() has already decoded the body. (Next would drop Content-Length
 * anyway, send-response.ts: a ranged answer still says its size in Content-Range, which players use.)
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

/**
 * How long the API may take to answer once the request is sent (a request body still arriving from
 * the client does not count: a large upload over a slow line takes as long as it takes). A response
 * body is never cut short: audio may stream for an hour.
 */
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

/**
 * Sends a request with a body through node:http(s), piping the body with backpressure: Node 20's
 * fetch() reads a streamed request body into memory as fast as the client sends it (a 1 GiB upload
 * grew the admin by 1 GiB), node:http's pipeline holds a few chunks (measured: flat at ~70 MB RSS).
 * `onSent` runs once the whole body is sent (the answer timeout starts then).
 */
function sendWithBody(
  url: string,
  method: string,
  headers: Headers,
  body: ReadableStream<Uint8Array>,
  signal: AbortSignal,
  onSent: () => void,
) {
  return new Promise<Response>((resolve, reject) => {
    const target = new URL(url);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const outgoing: Record<string, string> = {};
    headers.forEach((value, name) => {
      outgoing[name] = value;
    });
    const upstream = send(target, { method, headers: outgoing, signal }, (incoming) => {
      const responseHeaders = new Headers();
      for (const [name, value] of Object.entries(incoming.headers)) {
        if (value === undefined) continue;
        for (const one of Array.isArray(value) ? value : [value]) responseHeaders.append(name, one);
      }
      const status = incoming.statusCode ?? 502;
      const noBody = status === 204 || status === 304;
      if (noBody) incoming.resume();
      resolve(
        new Response(noBody ? null : (Readable.toWeb(incoming) as ReadableStream<Uint8Array>), {
          status,
          statusText: incoming.statusMessage,
          headers: responseHeaders,
        }),
      );
    });
    upstream.on('error', reject);
    pipeline(Readable.fromWeb(body as NodeReadableStream<Uint8Array>), upstream).then(onSent, (error: unknown) => {
      upstream.destroy(error instanceof Error ? error : new Error(String(error)));
      reject(error instanceof Error ? error : new Error(String(error)));
    });
  });
}

async function forward(request: NextRequest): Promise<Response> {
  const method = request.method.toUpperCase();
  const body = method !== 'GET' && method !== 'HEAD' ? request.body : null;
  const timeout = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const startTimeout = () => {
    timer ??= setTimeout(() => timeout.abort(new Error(`no answer within ${UPSTREAM_TIMEOUT_MS / 1000} s`)), UPSTREAM_TIMEOUT_MS);
  };
  // The client going away (tab closed, upload cancelled) cancels the upstream request too.
  const signal = AbortSignal.any([timeout.signal, request.signal]);
  let upstream: Response;
  try {
    if (body) {
      upstream = await sendWithBody(upstreamUrl(request), method, forwardedHeaders(request), body, signal, startTimeout);
    } else {
      startTimeout();
      upstream = await fetch(upstreamUrl(request), {
        method,
        headers: forwardedHeaders(request),
        redirect: 'manual',
        cache: 'no-store',
        signal,
      });
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (request.signal.aborted) return problem(499, 'The request was cancelled', 'The client went away before the API answered.');
    console.error(`[api proxy] ${method} ${request.nextUrl.pathname} failed: ${reason}`);
    return problem(502, 'The Newsdesk API is unreachable', 'The admin could not reach the API. Try again in a moment.');
  } finally {
    clearTimeout(timer);
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
