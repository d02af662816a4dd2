import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { NoQuerySchema, SitemapQuerySchema, type SitemapQuery } from '@newsdesk/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/can.decorator.js';
import { NotFoundError } from '../common/errors.js';
import { ZodPipe } from '../common/zod.pipe.js';
import { CONFIG, type Config } from '../config.js';
import { cacheKey, cachedBody, type CachedBody } from './http-cache.js';
import { PublicCache } from './public-cache.service.js';
import { publicLinks, type PublicLinks } from './public-links.js';
import { PublicSitemapsRepository } from './public-sitemaps.repository.js';
import {
  NEWS_SITEMAP_MAX_URLS,
  SITEMAP_KINDS,
  newsUrlsetXml,
  robotsTxt,
  sitemapIndexXml,
  urlsPerSitemap,
  urlsetXml,
  type IndexEntry,
  type SitemapKind,
} from './sitemaps.js';

const XML = 'application/xml; charset=utf-8';
const TEXT = 'text/plain; charset=utf-8';
const noQuery = new ZodPipe(NoQuerySchema);
const pageQuery = new ZodPipe(SitemapQuerySchema);

/**
 * The open web for crawlers (docs/open-web.md): robots.txt, the sitemap index, the Google News
 * sitemap of the last 48 hours and the sitemaps of stories, correspondents, tags and programs. Only
 * live content (public-sitemaps.repository.ts), every URL from configuration (never the Host header),
 * through the public cache with ETag / 304 like every public answer.
 */
@Public()
@Controller()
export class SitemapsController {
  private readonly links: PublicLinks;
  /** URLs per file, by kind (urlsPerSitemap: 50,000 unless the template's URLs are long enough to pass 50 MB). */
  private readonly perFile: Record<SitemapKind | 'news', number>;

  constructor(
    private readonly repo: PublicSitemapsRepository,
    private readonly cache: PublicCache,
    @Inject(CONFIG) config: Config,
  ) {
    this.links = publicLinks(config);
    const { templates } = this.links;
    this.perFile = {
      stories: urlsPerSitemap(templates.story),
      correspondents: urlsPerSitemap(templates.correspondent),
      tags: urlsPerSitemap(templates.tag),
      programs: urlsPerSitemap(templates.program),
      news: NEWS_SITEMAP_MAX_URLS,
    };
  }

  /** A sitemap file's absolute URL (page 1 has no query). */
  private fileUrl(name: string, page: number): string {
    return `${this.links.sitemapBase}/sitemaps/${name}.xml${page > 1 ? `?page=${page}` : ''}`;
  }

  @Get('robots.txt')
  robots(@Query(noQuery) _query: object, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.cache.respond(request, reply, cacheKey(request), 3600, async () =>
      cachedBody(robotsTxt(`${this.links.sitemapBase}/sitemap.xml`), TEXT),
    );
  }

  /** The index: the News sitemap (always listed, even empty, as Google allows) and every non-empty page of each kind. */
  @Get('sitemap.xml')
  index(@Query(noQuery) _query: object, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.cache.respond(request, reply, cacheKey(request), 300, async () => {
      const pages = await this.repo.summary(this.perFile);
      const news = pages.filter((row) => row.kind === 'news');
      const entries: IndexEntry[] = news.length
        ? news.map((row) => ({ loc: this.fileUrl('news', row.page), lastmod: row.lastmod }))
        : [{ loc: this.fileUrl('news', 1), lastmod: null }];
      for (const kind of SITEMAP_KINDS)
        for (const row of pages.filter((page) => page.kind === kind))
          entries.push({ loc: this.fileUrl(kind, row.page), lastmod: row.lastmod });
      return until(cachedBody(sitemapIndexXml(entries), XML), news[0]?.leaves ?? null);
    });
  }

  /** Google News: live stories published in the last 48 hours, newest first, 1,000 a page. */
  @Get('sitemaps/news.xml')
  async news(@Query(pageQuery) query: SitemapQuery, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const page = query.page ?? 1;
    const sent = await this.cache.respond(request, reply, cacheKey(request, { page }), 300, async () => {
      const { rows, leaves } = await this.repo.news(page, this.perFile.news);
      // Page 1 answers even when the window is empty; a page past the end is a 404.
      if (!rows.length && page > 1) return null;
      const urls = rows.map((row) => ({ loc: this.links.story(row.slug), publishedAt: row.publishedAt, title: row.headline }));
      return until(cachedBody(newsUrlsetXml(urls, { name: this.links.publisher.name, language: this.links.language }), XML), leaves);
    });
    if (!sent) throw new NotFoundError('Sitemap page');
    return sent;
  }

  @Get('sitemaps/stories.xml')
  stories(@Query(pageQuery) query: SitemapQuery, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.kind('stories', query, request, reply);
  }

  @Get('sitemaps/correspondents.xml')
  correspondents(@Query(pageQuery) query: SitemapQuery, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.kind('correspondents', query, request, reply);
  }

  @Get('sitemaps/tags.xml')
  tags(@Query(pageQuery) query: SitemapQuery, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.kind('tags', query, request, reply);
  }

  @Get('sitemaps/programs.xml')
  programs(@Query(pageQuery) query: SitemapQuery, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.kind('programs', query, request, reply);
  }

  /** One page of a kind (page 1 answers even when empty; a page past the end is a 404). */
  private async kind(kind: SitemapKind, query: SitemapQuery, request: FastifyRequest, reply: FastifyReply) {
    const page = query.page ?? 1;
    const sent = await this.cache.respond(request, reply, cacheKey(request, { page }), 300, async () => {
      const rows = await this.repo.page(kind, page, this.perFile[kind]);
      if (!rows.length && page > 1) return null;
      const url =
        this.links[kind === 'stories' ? 'story' : kind === 'correspondents' ? 'correspondent' : kind === 'tags' ? 'tag' : 'program'];
      return cachedBody(urlsetXml(rows.map((row) => ({ loc: url(row.slug), lastmod: row.lastmod }))), XML);
    });
    if (!sent) throw new NotFoundError('Sitemap page');
    return sent;
  }
}

/** A body that changes by itself at `iso` (a story leaves the 48-hour News window): nobody keeps it past then. */
function until(body: CachedBody, iso: string | null): CachedBody {
  return iso ? { ...body, validUntil: Date.parse(iso) } : body;
}
