import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import {
  NoQuerySchema,
  PublicCorrespondentQuerySchema,
  PublicCorrespondentsQuerySchema,
  SlugSchema,
  type PublicCorrespondentQuery,
  type PublicCorrespondentsQuery,
} from '@newsdesk/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Public } from '../auth/can.decorator.js';
import { decodeCursor } from '../common/cursor.js';
import { NotFoundError } from '../common/errors.js';
import { decodeNameCursor } from '../common/name-cursor.js';
import { ZodPipe } from '../common/zod.pipe.js';
import { cacheKey, cachedBody, sendRedirect } from './http-cache.js';
import { PublicCache } from './public-cache.service.js';
import { PublicPeopleRepository } from './public-people.repository.js';

const slugParam = new ZodPipe(z.object({ slug: z.string().max(300) }));
const isSlug = (slug: string) => SlugSchema.safeParse(slug).success;

/** Published correspondents' profiles: no session, never a draft, never an email. */
@Public()
@Controller('api/public/correspondents')
export class PublicCorrespondentsController {
  constructor(
    private readonly repo: PublicPeopleRepository,
    private readonly cache: PublicCache,
  ) {}

  @Get()
  async list(
    @Query(new ZodPipe(PublicCorrespondentsQuerySchema)) query: PublicCorrespondentsQuery,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const active = query.active === undefined ? null : query.active === 'true';
    const after = query.cursor ? decodeNameCursor(query.cursor) : null;
    return this.cache.respond(request, reply, cacheKey(request, query), 60, async () =>
      cachedBody(await this.repo.correspondents(query.limit, active, after)),
    );
  }

  /** The profile and its latest published stories (`?cursor=` pages through them); an old slug answers 301. */
  @Get(':slug')
  async bySlug(
    @Param(slugParam) params: { slug: string },
    @Query(new ZodPipe(PublicCorrespondentQuerySchema)) query: PublicCorrespondentQuery,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    if (!isSlug(params.slug)) throw new NotFoundError('Correspondent');
    const after = query.cursor ? decodeCursor(query.cursor) : null;
    const sent = await this.cache.respond(request, reply, cacheKey(request, query, params), 60, async () => {
      const json = await this.repo.correspondent(params.slug, query.limit, after);
      return json === null ? null : cachedBody(json);
    });
    if (sent) return sent;
    const current = await this.repo.correspondentRedirect(params.slug);
    if (current) return sendRedirect(request, reply, `/api/public/correspondents/${current}`, query);
    throw new NotFoundError('Correspondent');
  }
}

/** People named by published content. */
@Public()
@Controller('api/public/people')
export class PublicPeopleController {
  constructor(
    private readonly repo: PublicPeopleRepository,
    private readonly cache: PublicCache,
  ) {}

  @Get(':slug')
  async bySlug(
    @Param(slugParam) params: { slug: string },
    @Query(new ZodPipe(NoQuerySchema)) query: object,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    if (!isSlug(params.slug)) throw new NotFoundError('Person');
    const sent = await this.cache.respond(request, reply, cacheKey(request, {}, params), 60, async () => {
      const json = await this.repo.person(params.slug);
      return json === null ? null : cachedBody(json);
    });
    if (sent) return sent;
    const current = await this.repo.personRedirect(params.slug);
    if (current) return sendRedirect(request, reply, `/api/public/people/${current}`, query);
    throw new NotFoundError('Person');
  }
}
