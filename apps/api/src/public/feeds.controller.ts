import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '../auth/can.decorator.js';
import { NotFoundError } from '../common/errors.js';
import { CONFIG, type Config } from '../config.js';
import { jsonFeed, rssFeed, type FeedMeta } from './feeds.js';
import { cachedBody } from './http-cache.js';
import { PublicCache } from './public-cache.service.js';
import { z } from 'zod';
import { ZodPipe } from '../common/zod.pipe.js';
import { feedItems } from './public-stories.queries.js';

const FEED_SIZE = 50;
const RSS = 'application/rss+xml; charset=utf-8';
const JSON_FEED = 'application/feed+json; charset=utf-8';
const feedFile = new ZodPipe(z.object({ file: z.string().max(300) }));

/** RSS 2.0 and JSON Feed 1.1 of the latest live stories, and per tag. */
@Public()
@Controller('api/public/feeds')
export class FeedsController {
  constructor(
    private readonly db: DataSource,
    @Inject(CONFIG) private readonly config: Config,
    private readonly cache: PublicCache,
  ) {}

  private meta(request: FastifyRequest, title: string): FeedMeta {
    const origin = `${request.protocol}://${request.host}`;
    return { title, selfUrl: `${origin}${request.url}`, homeUrl: `${origin}/api/public/stories`, storyUrl: (slug) => this.config.STORY_URL_TEMPLATE.replace('{slug}', slug) };
  }

  @Get('latest.rss')
  async latestRss(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.cache.respond(request, reply, request.url, 60, async () => cachedBody(rssFeed(this.meta(request, this.config.FEED_TITLE), await feedItems(this.db, FEED_SIZE)), RSS));
  }

  @Get('latest.json')
  async latestJson(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.cache.respond(request, reply, request.url, 60, async () => cachedBody(jsonFeed(this.meta(request, this.config.FEED_TITLE), await feedItems(this.db, FEED_SIZE)), JSON_FEED));
  }

  /** `/tags/<slug>.rss` or `/tags/<slug>.json`. */
  @Get('tags/:file')
  async tag(@Param(feedFile) params: { file: string }, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const [, slug, format] = /^([a-z0-9-]+)\.(rss|json)$/.exec(params.file) ?? [];
    if (!slug) throw new NotFoundError('Feed');
    const sent = await this.cache.respond(request, reply, request.url, 60, async () => {
      const [tag]: Array<{ name: string }> = await this.db.query(`SELECT name FROM tags WHERE slug = $1`, [slug]);
      if (!tag) return null;
      const meta = this.meta(request, `${this.config.FEED_TITLE}: ${tag.name}`);
      const items = await feedItems(this.db, FEED_SIZE, slug);
      return format === 'rss' ? cachedBody(rssFeed(meta, items), RSS) : cachedBody(jsonFeed(meta, items), JSON_FEED);
    });
    if (!sent) throw new NotFoundError('Tag');
    return sent;
  }
}
