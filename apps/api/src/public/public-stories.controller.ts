import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import {
  NoQuerySchema,
  PublicSearchQuerySchema,
  PublicStoriesQuerySchema,
  PublicTagQuerySchema,
  SlugSchema,
  transcriptToHtml,
  transcriptToPodcastJson,
  transcriptToSrt,
  transcriptToVtt,
  untimedReason,
  type ExportTurn,
  type PublicSearchQuery,
  type PublicStoriesQuery,
} from '@newsdesk/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Public } from '../auth/can.decorator.js';
import { decodeCursor } from '../common/cursor.js';
import { NotFoundError } from '../common/errors.js';
import { ZodPipe } from '../common/zod.pipe.js';
import { cacheKey, cachedBody, sendRedirect } from './http-cache.js';
import { storyResource } from './story-resource.js';
import { PublicCache } from './public-cache.service.js';
import { PublicStoriesRepository } from './public-stories.repository.js';
import { CONFIG, type Config } from '../config.js';
import { storyNinjs, type NinjsSource } from './ninjs.js';
import { publicLinks, type PublicLinks } from './public-links.js';

const TEXT_TYPE = 'text/plain; charset=utf-8';
const HTML_TYPE = 'text/html; charset=utf-8';
/** The timed exports of a story's transcript: suffix, content type, writer (contracts' export.ts). */
const TIMED_EXPORTS = {
  vtt: { suffix: '/transcript.vtt', type: 'text/vtt; charset=utf-8', write: transcriptToVtt },
  srt: { suffix: '/transcript.srt', type: 'application/x-subrip; charset=utf-8', write: transcriptToSrt },
  json: {
    suffix: '/transcript.json',
    type: 'application/json; charset=utf-8',
    write: (turns: readonly ExportTurn[]) => JSON.stringify(transcriptToPodcastJson(turns)),
  },
} as const;

const slugParam = new ZodPipe(z.object({ slug: z.string().max(300) }));
const noQuery = new ZodPipe(NoQuerySchema);
const isSlug = (slug: string) => SlugSchema.safeParse(slug).success;

/** Published stories, tags and search for readers, station sites and apps: no session, never a draft. */
@Public()
@Controller('api/public')
export class PublicStoriesController {
  private readonly links: PublicLinks;

  constructor(
    private readonly repo: PublicStoriesRepository,
    private readonly cache: PublicCache,
    @Inject(CONFIG) config: Config,
  ) {
    this.links = publicLinks(config);
  }

  @Get('stories')
  async latest(
    @Query(new ZodPipe(PublicStoriesQuerySchema)) query: PublicStoriesQuery,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    return this.cache.respond(request, reply, cacheKey(request, query), 30, async () =>
      cachedBody(
        await this.repo.latest(query.limit, after, { tag: query.tag, correspondent: query.correspondent, program: query.program }),
      ),
    );
  }

  /** One live story; an old slug answers 301 to the current one. */
  @Get('stories/:slug')
  bySlug(
    @Param(slugParam) params: { slug: string },
    @Query(noQuery) query: object,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return storyResource(this.cache, this.repo, request, reply, params.slug, query, 'Story', '', async () => {
      const json = await this.repo.bySlug(params.slug);
      return json ? cachedBody(json) : null;
    });
  }

  /** IPTC ninjs 2.1 of a live story, for partners (docs/open-web.md); an old slug answers 301 to the current one's. */
  @Get('stories/:slug.ninjs.json')
  ninjs(
    @Param(slugParam) params: { slug: string },
    @Query(noQuery) query: object,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return storyResource(this.cache, this.repo, request, reply, params.slug, query, 'Story', '.ninjs.json', async () => {
      const row = await this.repo.machine(params.slug);
      if (!row) return null;
      const story = JSON.parse(row.body) as NinjsSource['story'];
      return cachedBody(JSON.stringify(storyNinjs({ id: row.id, version: row.version, story, transcript: row.transcript }, this.links)));
    });
  }

  /** A live story's transcript in broadcast style, as plain text; an old slug answers 301 to the current one's. */
  @Get('stories/:slug/transcript.txt')
  transcript(
    @Param(slugParam) params: { slug: string },
    @Query(noQuery) query: object,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return storyResource(this.cache, this.repo, request, reply, params.slug, query, 'Transcript', '/transcript.txt', async () => {
      const text = await this.repo.transcriptText(params.slug);
      return text === null ? null : cachedBody(text, TEXT_TYPE);
    });
  }

  /**
   * The same transcript as a semantic HTML5 document (podcast:transcript's text/html: labels in
   * `<strong>`, cues in `<em>`, contracts' transcriptToHtml); an old slug answers 301 to the current one's.
   */
  @Get('stories/:slug/transcript.html')
  transcriptHtml(
    @Param(slugParam) params: { slug: string },
    @Query(noQuery) query: object,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return storyResource(this.cache, this.repo, request, reply, params.slug, query, 'Transcript', '/transcript.html', async () => {
      const found = await this.repo.transcript(params.slug);
      return found === null ? null : cachedBody(transcriptToHtml(found.headline, found.turns, found.credit), HTML_TYPE);
    });
  }

  /** WebVTT with `<v LABEL>` voice spans (404 with the reason when the turns are untimed); an old slug answers 301. */
  @Get('stories/:slug/transcript.vtt')
  transcriptVtt(
    @Param(slugParam) params: { slug: string },
    @Query(noQuery) query: object,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.timedExport('vtt', params.slug, query, request, reply);
  }

  /** SubRip with "LABEL: " on each card (404 with the reason when untimed); an old slug answers 301. */
  @Get('stories/:slug/transcript.srt')
  transcriptSrt(
    @Param(slugParam) params: { slug: string },
    @Query(noQuery) query: object,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.timedExport('srt', params.slug, query, request, reply);
  }

  /** Podcasting 2.0 JSON transcript (404 with the reason when untimed); an old slug answers 301. */
  @Get('stories/:slug/transcript.json')
  transcriptJson(
    @Param(slugParam) params: { slug: string },
    @Query(noQuery) query: object,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.timedExport('json', params.slug, query, request, reply);
  }

  private timedExport(kind: keyof typeof TIMED_EXPORTS, slug: string, query: object, request: FastifyRequest, reply: FastifyReply) {
    const format = TIMED_EXPORTS[kind];
    return storyResource(this.cache, this.repo, request, reply, slug, query, 'Transcript', format.suffix, async () => {
      const turns = await this.repo.exportTurns(slug);
      if (turns === null) return null;
      const reason = untimedReason(turns);
      if (reason) throw new NotFoundError('Timed transcript', reason);
      return cachedBody(format.write(turns), format.type);
    });
  }

  @Get('search')
  async search(
    @Query(new ZodPipe(PublicSearchQuerySchema)) query: PublicSearchQuery,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const after = query.cursor ? decodeCursor(query.cursor, 'uuid', 'number') : undefined;
    return this.cache.respond(request, reply, cacheKey(request, query), 30, async () => cachedBody(await this.repo.search(query, after)));
  }

  /** A tag with its live stories, newest first; a merged or renamed tag's old slug answers 301. */
  @Get('tags/:slug')
  async tag(
    @Param(slugParam) params: { slug: string },
    @Query(new ZodPipe(PublicTagQuerySchema)) query: Pick<PublicStoriesQuery, 'limit' | 'cursor'>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    if (!isSlug(params.slug)) throw new NotFoundError('Tag');
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    const sent = await this.cache.respond(request, reply, cacheKey(request, query, params), 30, async () => {
      const json = await this.repo.tagPage(params.slug, query.limit, after);
      return json ? cachedBody(json) : null;
    });
    if (sent) return sent;
    const moved = await this.repo.tagRedirect(params.slug);
    if (!moved) throw new NotFoundError('Tag');
    return sendRedirect(request, reply, `/api/public/tags/${moved}`, query);
  }
}
