import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** A public response body with its validator; `validUntil` (epoch ms) when the answer changes by itself at a known instant. */
export interface CachedBody {
  body: string;
  etag: string;
  contentType: string;
  validUntil?: number;
}

export const JSON_TYPE = 'application/json; charset=utf-8';

export interface CacheOptions {
  /** Seconds a CDN may serve a stale copy while it revalidates (default ten times max-age; 0 for none). */
  staleWhileRevalidate?: number;
  /**
   * The next instant (epoch ms) any public answer changes by itself (a scheduled story or an embargo
   * goes live, an audio window opens or closes): no CDN may keep this answer, fresh or stale, past it.
   */
  changesAt?: number;
}

export function cachedBody(body: string, contentType = JSON_TYPE): CachedBody {
  return { body, contentType, etag: `W/"${createHash('sha1').update(body).digest('base64url').slice(0, 27)}"` };
}

/**
 * Sends a body built by PostgreSQL as it is, with an ETag and Cache-Control so a CDN or a
 * browser can revalidate cheaply (304 when If-None-Match matches). A body may be kept, fresh or
 * stale, only until the instant it can change by itself (its `validUntil`, or `changesAt`), counted
 * from `now` (when the request came in): max-age and stale-while-revalidate both end there.
 */
export function sendBody(
  request: FastifyRequest,
  reply: FastifyReply,
  cached: CachedBody,
  maxAgeSeconds: number,
  options: CacheOptions = {},
  now = Date.now(),
): FastifyReply {
  const until = Math.min(cached.validUntil ?? Infinity, options.changesAt ?? Infinity);
  const left = until === Infinity ? Infinity : Math.max(0, Math.floor((until - now) / 1000));
  maxAgeSeconds = Math.min(maxAgeSeconds, left);
  const swr = Math.min(options.staleWhileRevalidate ?? maxAgeSeconds * 10, left - maxAgeSeconds);
  void reply
    .header('ETag', cached.etag)
    .header('Cache-Control', `public, max-age=${maxAgeSeconds}${swr ? `, stale-while-revalidate=${swr}` : ''}`)
    .header('Vary', 'Accept-Encoding');
  if (request.headers['if-none-match'] === cached.etag) return reply.status(304).send();
  return reply.type(cached.contentType).send(cached.body);
}

/**
 * The public cache's key for a request: the route and its validated (parsed, defaulted) params and
 * query, keys sorted, absent values left out. So `?tag=x&limit=20`, `?limit=20&tag=x` and `?tag=x`
 * share one entry, and nothing a validator did not accept can mint a new one.
 */
export function cacheKey(request: FastifyRequest, query: object = {}, params: object = {}): string {
  const sorted = (value: object) =>
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${request.routeOptions.url ?? request.url.split('?')[0]} ${JSON.stringify([sorted(params), sorted(query)])}`;
}

/** How long a CDN or browser may keep an old slug's 301 (seconds). */
export const REDIRECT_MAX_AGE = 300;

/**
 * The one answer to a public request for an old (renamed or merged-away) slug: a 301 to `location`
 * (a path built from a validated slug) with the request's validated query kept. Only the keys the
 * request gave are kept (a default the validator filled in is not added), each with the value the
 * validator accepted, in the request's order; anything the validator did not accept never got here.
 * So /api/public/tags/old?limit=5 goes to /api/public/tags/new?limit=5.
 */
export function sendRedirect(request: FastifyRequest, reply: FastifyReply, location: string, query: object = {}): FastifyReply {
  const given = request.query && typeof request.query === 'object' ? Object.keys(request.query) : [];
  const validated = new Map<string, unknown>(Object.entries(query));
  const search = new URLSearchParams();
  for (const key of given) {
    const value = validated.get(key);
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') search.append(key, String(value));
  }
  const qs = search.toString();
  return reply
    .status(301)
    .header('Location', qs ? `${location}?${qs}` : location)
    .header('Cache-Control', `public, max-age=${REDIRECT_MAX_AGE}`)
    .send();
}
