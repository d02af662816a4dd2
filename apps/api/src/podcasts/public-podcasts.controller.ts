import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { NoQuerySchema, PodcastFeedQuerySchema, SlugSchema } from '@newsdesk/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Public } from '../auth/can.decorator.js';
import { NotFoundError } from '../common/errors.js';
import { ZodPipe } from '../common/zod.pipe.js';
import { cacheKey, cachedBody } from '../public/http-cache.js';
import { storyResource } from '../public/story-resource.js';
import { PublicCache } from '../public/public-cache.service.js';
import { PublicStoriesRepository } from '../public/public-stories.repository.js';
import { PodcastsService } from './podcasts.service.js';

const RSS = 'application/rss+xml; charset=utf-8';
const CHAPTERS = 'application/json+chapters; charset=utf-8';
const slugParam = new ZodPipe(z.object({ slug: z.string().max(300) }));
const isSlug = (slug: string) => SlugSchema.safeParse(slug).success;

/** A program's podcast feed and a story's podcast:chapters, for podcast apps: no session, through the public cache. */
@Public()
@Controller('api/public')
export class PublicPodcastsController {
  constructor(
    private readonly podcasts: PodcastsService,
    private readonly stories: PublicStoriesRepository,
    private readonly cache: PublicCache,
  ) {}

  /** 404 when the program is unknown, its feed is disabled, or the page is past the end. */
  @Get('programs/:slug/podcast.rss')
  async feed(
    @Param(slugParam) params: { slug: string },
    @Query(new ZodPipe(PodcastFeedQuerySchema)) query: { page?: number },
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    if (!isSlug(params.slug)) throw new NotFoundError('Podcast');
    const page = query.page ?? 1;
    const sent = await this.cache.respond(request, reply, cacheKey(request, { page }, params), 60, async () => {
      const feed = await this.podcasts.feed(params.slug, page);
      if (!feed) return null;
      const body = cachedBody(feed.xml, RSS);
      return feed.validUntil === undefined ? body : { ...body, validUntil: feed.validUntil };
    });
    if (!sent) throw new NotFoundError('Podcast');
    return sent;
  }

  /** JSON chapters 1.2.0 from the rundown of the segment the story aired in; an old slug answers 301. */
  @Get('stories/:slug/chapters.json')
  chapters(
    @Param(slugParam) params: { slug: string },
    @Query(new ZodPipe(NoQuerySchema)) query: object,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return storyResource(this.cache, this.stories, request, reply, params.slug, query, 'Chapters', '/chapters.json', async () => {
      const json = await this.podcasts.chapters(params.slug);
      return json === null ? null : cachedBody(json, CHAPTERS);
    });
  }
}
