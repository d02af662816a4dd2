import type { FastifyReply, FastifyRequest } from 'fastify';
import { SlugSchema } from '@newsdesk/contracts';
import { NotFoundError } from '../common/errors.js';
import { cacheKey, sendRedirect, type CachedBody } from './http-cache.js';
import type { PublicCache } from './public-cache.service.js';
import type { PublicStoriesRepository } from './public-stories.repository.js';

/**
 * One resource of a live story at `/api/public/stories/<slug><suffix>` (its JSON, transcript.txt,
 * transcript.html, chapters.json): from the public cache (60 s); else an old slug answers 301 to
 * the current slug's (query kept); else 404 naming `what`.
 */
export async function storyResource(
  cache: PublicCache,
  stories: PublicStoriesRepository,
  request: FastifyRequest,
  reply: FastifyReply,
  slug: string,
  query: object,
  what: string,
  suffix: string,
  produce: () => Promise<CachedBody | null>,
) {
  if (!SlugSchema.safeParse(slug).success) throw new NotFoundError(what);
  const sent = await cache.respond(request, reply, cacheKey(request, {}, { slug }), 60, produce);
  if (sent) return sent;
  const moved = await stories.redirect(slug);
  if (!moved) throw new NotFoundError(what);
  return sendRedirect(request, reply, `/api/public/stories/${moved}${suffix}`, query);
}
