import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Sends a JSON text built by PostgreSQL as it is, with an ETag and Cache-Control so a CDN or a
 * browser can revalidate cheaply (304 when If-None-Match matches).
 */
export function sendCachedJson(
  request: FastifyRequest,
  reply: FastifyReply,
  json: string,
  maxAgeSeconds = 30,
  options: { staleWhileRevalidate?: number } = {},
): FastifyReply {
  return sendCached(request, reply, json, 'application/json; charset=utf-8', maxAgeSeconds, options);
}

export function sendCached(
  request: FastifyRequest,
  reply: FastifyReply,
  json: string,
  contentType: string,
  maxAgeSeconds = 30,
  options: { staleWhileRevalidate?: number } = {},
): FastifyReply {
  const etag = `W/"${createHash('sha1').update(json).digest('base64url').slice(0, 27)}"`;
  const swr = options.staleWhileRevalidate ?? maxAgeSeconds * 10;
  void reply
    .header('ETag', etag)
    .header('Cache-Control', `public, max-age=${maxAgeSeconds}${swr ? `, stale-while-revalidate=${swr}` : ''}`)
    .header('Vary', 'Accept-Encoding');
  if (request.headers['if-none-match'] === etag) return reply.status(304).send();
  return reply.type(contentType).send(json);
}
