import { Controller, Get, GoneException, Param, Query, Req, Res } from '@nestjs/common';
import { NoQuerySchema, RenditionProfileSchema } from '@newsdesk/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Public } from '../auth/can.decorator.js';
import { NotFoundError } from '../common/errors.js';
import { ZodPipe } from '../common/zod.pipe.js';
import { sendFile } from './audio-delivery.js';
import { AudioService } from './audio.service.js';

const params = new ZodPipe(z.object({ id: z.string().max(100), file: z.string().max(100) }));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FILE = /^([a-z0-9-]+)\.([a-z0-9]+)$/;
/** A year: what a CDN may keep bytes that never change. */
const YEAR = 31_536_000;

/**
 * Public audio: `/api/public/audio/<id>/<profile>.<ext>`, served only while a live story uses the
 * asset and the asset is streamable and inside its window (audio-live.ts with LIVE_SQL); 410 once
 * the window has ended, 404 for everything else (unknown, external, draft-only, wrong extension, not
 * encoded yet). Range requests for seeking, the rendition's sha256 as ETag, and long caching: the
 * bytes never change under a URL (immutable), but an asset with an end date is cached no longer
 * than until then.
 */
@Public()
@Controller('api/public/audio')
export class PublicAudioController {
  constructor(private readonly audio: AudioService) {}

  @Get(':id/:file')
  async get(
    @Param(params) path: { id: string; file: string },
    @Query(new ZodPipe(NoQuerySchema)) _query: object,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const match = FILE.exec(path.file);
    const profile = RenditionProfileSchema.safeParse(match?.[1]);
    if (!UUID.test(path.id) || !match || !profile.success) throw new NotFoundError('Audio');
    const now = new Date();
    const answer = await this.audio.openPublic(path.id, profile.data, match[2] ?? '', now);
    if (answer.kind === 'gone') throw new GoneException('This audio is no longer available: its availability window has ended.');
    if (answer.kind === 'not_found') throw new NotFoundError('Audio');
    const { file, availableUntil } = answer;
    const cacheControl = availableUntil
      ? `public, max-age=${Math.max(0, Math.min(YEAR, Math.floor((availableUntil.getTime() - now.getTime()) / 1000)))}`
      : `public, max-age=${YEAR}, immutable`;
    const sent = await sendFile(request, reply, {
      ...file,
      cacheControl,
      filename: path.file,
      open: (start, end) => this.audio.storage.getRange(file.sha256, start, end),
    });
    if (sent === false) throw new NotFoundError('Audio');
    return sent;
  }
}
