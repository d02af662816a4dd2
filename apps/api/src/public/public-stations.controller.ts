import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { CallSignParamSchema, PublicNowNextQuerySchema, type PublicNowNextQuery } from '@newsdesk/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '../auth/can.decorator.js';
import { NotFoundError } from '../common/errors.js';
import { ZodPipe } from '../common/zod.pipe.js';
import { sendCachedJson } from './http-cache.js';
import { nowNextJson, publicStationsJson } from './public-stations.queries.js';

/** Now / Next Up may be cached until the answer changes, but never longer than this. */
const NOW_NEXT_MAX_AGE = 60;

/** Active stations and what they are airing, for station sites and apps: no session. */
@Public()
@Controller('api/public/stations')
export class PublicStationsController {
  constructor(private readonly db: DataSource) {}

  @Get()
  async list(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return sendCachedJson(request, reply, await publicStationsJson(this.db), 300);
  }

  @Get(':callSign/now-next')
  async nowNext(
    @Param(new ZodPipe(CallSignParamSchema)) params: { callSign: string },
    @Query(new ZodPipe(PublicNowNextQuerySchema)) query: PublicNowNextQuery,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const at = query.at ? new Date(query.at) : new Date();
    const found = await nowNextJson(this.db, params.callSign, at);
    if (!found) throw new NotFoundError('Station');
    // Cacheable until the next boundary (end of now / start of next), capped; a CDN must not serve
    // a stale "now" past it, so no stale-while-revalidate here.
    const untilBoundary = found.boundary ? Math.floor((found.boundary.getTime() - at.getTime()) / 1000) : NOW_NEXT_MAX_AGE;
    return sendCachedJson(request, reply, found.body, Math.max(0, Math.min(NOW_NEXT_MAX_AGE, untilBoundary)), { staleWhileRevalidate: 0 });
  }
}
