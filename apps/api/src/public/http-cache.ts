import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** A public response body with its validator. */
export interface CachedBody { body: string; etag: string; contentType: string }

export const JSON_TYPE = 'application/json; charset=utf-8';

export interface CacheOptions {
  /** Seconds a CDN may serve a stale copy while it revalidates (default ten times max-age; 0 for none). */
  staleWhileRevalidate?: number;
}

export function cachedBody(body: string, contentType = JSON_TYPE): CachedBody {
  return { body, contentType, etag: `W/"${createHash('sha1').update(body).digest('base64url').slice(0, 27)}"` };
}

/**
 * Sends a body built by PostgreSQL as it is, with an ETag and Cache-Control so a CDN or a
 * browser can revalidate cheaply (304 when If-None-Match matches).
 */
export function sendBody(request: FastifyRequest, reply: FastifyReply, cached: CachedBody, maxAgeSeconds: number, options: CacheOptions = {}): FastifyReply {
  const swr = options.staleWhileRevalidate ?? maxAgeSeconds * 10;
  void reply
    .header('ETag', cached.etag)
    .header('Cache-Control', `public, max-age=${maxAgeSeconds}${swr ? `, stale-while-revalidate=${swr}` : ''}`)
    .header('Vary', 'Accept-Encoding');
  if (request.headers['if-none-match'] === cached.etag) return reply.status(304).send();
  return reply.type(cached.contentType).send(cached.body);
}

export function sendCachedJson(request: FastifyRequest, reply: FastifyReply, json: string, maxAgeSeconds = 30, options: CacheOptions = {}): FastifyReply {
  return sendBody(request, reply, cachedBody(json), maxAgeSeconds, options);
}

export function sendCached(request: FastifyRequest, reply: FastifyReply, body: string, contentType: string, maxAgeSeconds = 30, options: CacheOptions = {}): FastifyReply {
  return sendBody(request, reply, cachedBody(body, contentType), maxAgeSeconds, options);
}
