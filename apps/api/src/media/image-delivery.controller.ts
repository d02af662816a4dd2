import { Controller, Get, Logger, Param, Query, Req, Res } from '@nestjs/common';
import { NoQuerySchema, RENDITION_EXTENSIONS, RENDITION_TYPES, RenditionFileParamSchema, type RenditionType } from '@newsdesk/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/can.decorator.js';
import { NotFoundError } from '../common/errors.js';
import { ZodPipe } from '../common/zod.pipe.js';
import { ImageRenditionsRepository } from './image-renditions.repository.js';
import { MEDIA_STORAGE, type MediaStorage } from './media-storage.js';
import { Inject } from '@nestjs/common';

const TYPE_OF_EXTENSION = Object.fromEntries(RENDITION_TYPES.map((type) => [RENDITION_EXTENSIONS[type], type])) as Record<
  string,
  RenditionType
>;

/**
 * Rendition files: public and immutable. The key in the URL is the hash of the rendition's recipe
 * (original, crop, size, type), so a URL never names other bytes: `Cache-Control: immutable` for a
 * year, a strong ETag, and one URL per type (the page picks with `<picture>`; no `Vary: Accept`).
 * Only keys recorded as renditions are served (never an original's storage key).
 */
@Controller('api/public/images')
export class ImageDeliveryController {
  private readonly logger = new Logger('image-delivery');

  constructor(
    private readonly renditions: ImageRenditionsRepository,
    @Inject(MEDIA_STORAGE) private readonly storage: MediaStorage,
  ) {}

  @Public()
  @Get(':file')
  async serve(
    @Param(new ZodPipe(RenditionFileParamSchema)) params: { file: string },
    @Query(new ZodPipe(NoQuerySchema)) _query: object,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const [key = '', extension = ''] = params.file.split('.');
    const type = TYPE_OF_EXTENSION[extension];
    const row = type ? await this.renditions.byKey(key, type) : undefined;
    if (!row || !type) throw new NotFoundError('Image');
    const etag = `"${key}"`;
    void reply
      .header('ETag', etag)
      .header('Cache-Control', 'public, max-age=31536000, immutable')
      .header('X-Content-Type-Options', 'nosniff')
      .header('Cross-Origin-Resource-Policy', 'cross-origin')
      .header('Content-Disposition', `inline; filename="${params.file}"`);
    if (request.headers['if-none-match'] === etag) return reply.status(304).send();
    const body = await this.storage.get(key);
    if (!body) {
      this.logger.error({ key }, 'rendition record without stored bytes');
      throw new NotFoundError('Image');
    }
    return reply.type(type).header('Content-Length', String(row.byte_size)).send(body);
  }
}
