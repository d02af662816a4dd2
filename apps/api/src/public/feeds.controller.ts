import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '../auth/can.decorator.js';
import { NotFoundError } from '../common/errors.js';
import { CONFIG, type Config } from '../config.js';
import { jsonFeed, rssFeed, type FeedMeta } from './feeds.js';
import { sendCached } from './http-cache.js';
import { z } from 'zod';
import { ZodPipe } from '../common/zod.pipe.js';
import { feedItems } from './public-stories.queries.js';

const FEED_SIZE = 50;
const feedFile = new ZodPipe(z.object({ file: z.string().max(300) }));

/** RSS 2.0 and JSON Feed 1.1 of the latest live stories, and per tag. */
@Public()
@Controller('api/public/feeds')
export class FeedsController {
  constructor(
    private readonly db: DataSource,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  private meta(request: FastifyRequest, title: string): FeedMeta {
    const origin = `${request.protocol}://${request.host}`;
    return { title, selfUrl: `${origin}${request.url}`, homeUrl: `${origin}/api/public/stories`, storyUrl: (slug) => this.config.STORY_URL_TEMPLATE.replace('{slug}', slug) };
  }

  @Get('latest.rss')
  async latestRss(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return sendCached(request, reply, rssFeed(this.meta(request, this.config.FEED_TITLE), await feedItems(this.db, FEED_SIZE)), 'application/rss+xml; charset=utf-8', 60);
  }

  @Get('latest.json')
  async latestJson(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return sendCached(request, reply, jsonFeed(this.meta(request, this.config.FEED_TITLE), await feedItems(this.db, FEED_SIZE)), 'application/feed+json; charset=utf-8', 60);
  }

  /** `/tags/<slug>.rss` or `/tags/<slug>.json`. */
  @Get('tags/:file')
  async tag(@Param(feedFile) params: { file: string }, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const [, slug, format] = /^([a-z0-9-]+)\.(rss|json)$/.exec(params.file) ?? [];
    if (!slug) throw new NotFoundError('Feed');
    const [tag]: Array<{ name: string }> = await this.db.query(`SELECT name FROM tags WHERE slug = $1`, [slug]);
    if (!tag) throw new NotFoundError('Tag');
    const meta = this.meta(request, `${this.config.FEED_TITLE}: ${tag.name}`);
    const items = await feedItems(this.db, FEED_SIZE, slug);
    return format === 'rss'
      ? sendCached(request, reply, rssFeed(meta, items), 'application/rss+xml; charset=utf-8', 60)
      : sendCached(request, reply, jsonFeed(meta, items), 'application/feed+json; charset=utf-8', 60);
  }
}
