import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { NoQuerySchema } from '@newsdesk/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/can.decorator.js';
import { NotFoundError } from '../common/errors.js';
import { CONFIG, type Config } from '../config.js';
import { jsonFeed, rssFeed, type FeedMeta } from './feeds.js';
import { cacheKey, cachedBody } from './http-cache.js';
import { PublicCache } from './public-cache.service.js';
import { z } from 'zod';
import { ZodPipe } from '../common/zod.pipe.js';
import { PublicStoriesRepository } from './public-stories.repository.js';

const FEED_SIZE = 50;
const RSS = 'application/rss+xml; charset=utf-8';
const JSON_FEED = 'application/feed+json; charset=utf-8';
const feedFile = new ZodPipe(z.object({ file: z.string().max(300) }));
/** Feeds take no query parameters: an unknown one is a 400, so `?cb=N` cannot multiply cache entries. */
const noQuery = new ZodPipe(NoQuerySchema);

/** RSS 2.0 and JSON Feed 1.1 of the latest live stories, and per tag. */
@Public()
@Controller('api/public/feeds')
export class FeedsController {
  constructor(
    private readonly repo: PublicStoriesRepository,
    @Inject(CONFIG) private readonly config: Config,
    private readonly cache: PublicCache,
  ) {}

  /**
   * A feed's links, all from configuration (PUBLIC_API_URL, PUBLIC_SITE_URL, STORY_URL_TEMPLATE):
   * never from the request's Host or X-Forwarded-* headers, which anyone can set, and which would
   * end up in an answer the cache then serves to everyone (cache poisoning). `path` is the feed's
   * canonical path (without the request's query string).
   */
  private meta(path: string, title: string): FeedMeta {
    const api = this.config.PUBLIC_API_URL;
    return {
      title,
      selfUrl: `${api}${path}`,
      api,
      homeUrl: this.config.PUBLIC_SITE_URL ?? `${api}/api/public/stories`,
      storyUrl: (slug) => this.config.STORY_URL_TEMPLATE.replace('{slug}', slug),
    };
  }

  @Get('latest.rss')
  async latestRss(@Query(noQuery) _query: object, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.cache.respond(request, reply, cacheKey(request), 60, async () =>
      cachedBody(rssFeed(this.meta('/api/public/feeds/latest.rss', this.config.FEED_TITLE), await this.repo.feedItems(FEED_SIZE)), RSS),
    );
  }

  @Get('latest.json')
  async latestJson(@Query(noQuery) _query: object, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.cache.respond(request, reply, cacheKey(request), 60, async () =>
      cachedBody(
        jsonFeed(this.meta('/api/public/feeds/latest.json', this.config.FEED_TITLE), await this.repo.feedItems(FEED_SIZE)),
        JSON_FEED,
      ),
    );
  }

  /** `/tags/<slug>.rss` or `/tags/<slug>.json`. */
  @Get('tags/:file')
  async tag(
    @Param(feedFile) params: { file: string },
    @Query(noQuery) _query: object,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const [, slug, format] = /^([a-z0-9-]+)\.(rss|json)$/.exec(params.file) ?? [];
    if (!slug) throw new NotFoundError('Feed');
    const sent = await this.cache.respond(request, reply, cacheKey(request, {}, params), 60, async () => {
      const name = await this.repo.tagName(slug);
      if (name === null) return null;
      const meta = this.meta(`/api/public/feeds/tags/${slug}.${format}`, `${this.config.FEED_TITLE}: ${name}`);
      const items = await this.repo.feedItems(FEED_SIZE, slug);
      return format === 'rss' ? cachedBody(rssFeed(meta, items), RSS) : cachedBody(jsonFeed(meta, items), JSON_FEED);
    });
    if (!sent) throw new NotFoundError('Tag');
    return sent;
  }
}
