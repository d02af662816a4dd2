import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { CallSignParamSchema, NoQuerySchema, PublicNowNextQuerySchema, type PublicNowNextQuery } from '@newsdesk/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/can.decorator.js';
import { NotFoundError } from '../common/errors.js';
import { ZodPipe } from '../common/zod.pipe.js';
import { cacheKey, cachedBody } from './http-cache.js';
import { PublicCache } from './public-cache.service.js';
import { PublicStationsRepository } from './public-stations.repository.js';

/** Now / Next Up may be cached until the answer changes, but never longer than this. */
const NOW_NEXT_MAX_AGE = 60;

/** Active stations and what they are airing, for station sites and apps: no session. */
@Public()
@Controller('api/public/stations')
export class PublicStationsController {
  constructor(
    private readonly repo: PublicStationsRepository,
    private readonly cache: PublicCache,
  ) {}

  @Get()
  async list(@Query(new ZodPipe(NoQuerySchema)) _query: object, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.cache.respond(request, reply, cacheKey(request), 300, async () => cachedBody(await this.repo.stations()));
  }

  @Get(':callSign/now-next')
  async nowNext(
    @Param(new ZodPipe(CallSignParamSchema)) params: { callSign: string },
    @Query(new ZodPipe(PublicNowNextQuerySchema)) query: PublicNowNextQuery,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    // Cacheable until the answer changes (the end of now or the start of next), capped; a CDN must
    // not serve a stale "now" past it, so no stale-while-revalidate here.
    // One entry per instant, however it is written (`...00Z` and `...00.000+00:00` alike).
    const key = cacheKey(request, { at: query.at ? new Date(query.at).toISOString() : undefined }, params);
    const sent = await this.cache.respond(
      request,
      reply,
      key,
      NOW_NEXT_MAX_AGE,
      async () => {
        const now = Date.now();
        const at = query.at ? new Date(query.at) : new Date(now);
        const found = await this.repo.nowNext(params.callSign, at);
        if (!found) return null;
        // As long from now as the answer holds after `at` (for `?at=`, the same Cache-Control as live).
        const holdsFor = found.boundary ? found.boundary.getTime() - at.getTime() : NOW_NEXT_MAX_AGE * 1000;
        return { ...cachedBody(found.body), validUntil: now + holdsFor };
      },
      { staleWhileRevalidate: 0 },
    );
    if (!sent) throw new NotFoundError('Station');
    return sent;
  }
}
