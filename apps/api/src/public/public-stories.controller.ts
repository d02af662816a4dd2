import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { PublicStoriesQuerySchema, SlugSchema, type PublicStoriesQuery } from '@newsdesk/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { Public } from '../auth/can.decorator.js';
import { decodeCursor } from '../common/cursor.js';
import { NotFoundError } from '../common/errors.js';
import { ZodPipe } from '../common/zod.pipe.js';
import { sendCachedJson } from './http-cache.js';
import { latestStoriesJson, storyBySlugJson } from './public-stories.queries.js';

const slugParam = new ZodPipe(z.object({ slug: z.string().max(300) }));

/** Published stories for readers, station sites and apps: no session, never a draft. */
@Public()
@Controller('api/public/stories')
export class PublicStoriesController {
  constructor(private readonly db: DataSource) {}

  @Get()
  async latest(@Query(new ZodPipe(PublicStoriesQuerySchema)) query: PublicStoriesQuery, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const json = await latestStoriesJson(this.db, query.limit, query.cursor ? decodeCursor(query.cursor) : undefined);
    return sendCachedJson(request, reply, json);
  }

  @Get(':slug')
  async bySlug(@Param(slugParam) params: { slug: string }, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const json = SlugSchema.safeParse(params.slug).success ? await storyBySlugJson(this.db, params.slug) : null;
    if (!json) throw new NotFoundError('Story');
    return sendCachedJson(request, reply, json, 60);
  }
}
