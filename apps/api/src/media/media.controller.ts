import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Req, Res, UnsupportedMediaTypeException } from '@nestjs/common';
import {
  IdParamSchema,
  RetryImageRenditionsSchema,
  MEDIA_MAX_BYTES,
  UpdateMediaSchema,
  UploadMediaFieldsSchema,
  can,
  fieldErrors,
  type Media,
  type UpdateMediaInput,
} from '@newsdesk/contracts';
import type { Multipart } from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from '@nestjs/common';
import { Can, CurrentPrincipal, OptionalPrincipal, OptionalSession, Public } from '../auth/can.decorator.js';
import { CONFIG, type Config } from '../config.js';
import type { Principal } from '../auth/principal.js';
import { DomainError, NotFoundError, ValidationError } from '../common/errors.js';
import { badTextReason, findBadText } from '../common/text.js';
import { ZodPipe } from '../common/zod.pipe.js';
import { MediaService } from './media.service.js';

const id = new ZodPipe(IdParamSchema);
const EXTENSIONS = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' } as const;
const MEGABYTES = MEDIA_MAX_BYTES / (1024 * 1024);

/**
 * Images. Uploading and describing them needs `story.write` (editors and admins: story images and
 * correspondents' photos); an original is public while a live output shows it (or when
 * MEDIA_PUBLIC_ORIGINALS is set), else staff-only.
 */
@Controller('api/media')
export class MediaController {
  private readonly logger = new Logger('media');

  constructor(
    private readonly media: MediaService,
    @Inject(CONFIG) private readonly config: Pick<Config, 'MEDIA_PUBLIC_ORIGINALS'>,
  ) {}

  /** multipart/form-data: `file` (the image), optional `alt` and `credit`. 201 when new, 200 when these bytes were already stored. */
  @Can('story.write')
  @Post()
  async upload(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @CurrentPrincipal() actor: Principal,
  ): Promise<Media> {
    if (!request.isMultipart()) {
      throw new UnsupportedMediaTypeException('Send the image as multipart/form-data, in a field named "file".');
    }
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > MEDIA_MAX_BYTES + 64 * 1024) throw tooLarge();
    let file: { bytes: Buffer; name: string } | null = null;
    const fields: Record<string, unknown> = {};
    try {
      // Field values arrive as their raw bytes (latin1 maps each byte to one character), so that
      // invalid UTF-8 is refused here instead of turning silently into U+FFFD.
      for await (const part of request.parts({ defCharset: 'latin1' }) as AsyncIterable<Multipart>) {
        if (part.type === 'file') {
          if (part.fieldname !== 'file' || file) {
            part.file.resume();
            throw new ValidationError([{ field: part.fieldname, message: 'Send one image, in the field named "file"' }]);
          }
          file = { bytes: await part.toBuffer(), name: part.filename ?? '' };
        } else if (part.fieldname in UploadMediaFieldsSchema.shape) {
          fields[part.fieldname] = utf8Field(part.fieldname, part.value);
        } else {
          throw new ValidationError([{ field: part.fieldname, message: 'Unknown field: send "file", and optionally "alt" and "credit"' }]);
        }
      }
    } catch (error) {
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
      throw error;
    }
    if (!file) throw new ValidationError([{ field: 'file', message: 'Choose an image to upload' }]);
    // Every text field as strictly as a JSON body's: the file name too (the parser has decoded it
    // as UTF-8, so U+FFFD there means bytes that were not UTF-8).
    const nameProblem = file.name.includes('\uFFFD') ? 'The file name is not valid UTF-8' : badTextReason(file.name);
    if (nameProblem) throw new ValidationError([{ field: 'file', message: `${nameProblem.replace(/^Text/, 'The file name')}` }]);
    const bad = findBadText(fields);
    if (bad) throw new ValidationError([bad]);
    const parsed = UploadMediaFieldsSchema.safeParse(fields);
    if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error));
    const { media, created } = await this.media.upload(file.bytes, file.name, parsed.data, actor);
    void reply.status(created ? 201 : 200);
    return media;
  }

  @Can('story.write')
  @Patch(':id')
  update(
    @Param(id) params: { id: string },
    @Body(new ZodPipe(UpdateMediaSchema)) body: UpdateMediaInput,
    @CurrentPrincipal() actor: Principal,
  ): Promise<Media> {
    return this.media.update(params.id, body, actor);
  }

  /** The record with its focal point, crops and renditions (the admin polls it while they are made). */
  @Can('story.read')
  @Get(':id/record')
  record(@Param(id) params: { id: string }): Promise<Media> {
    return this.media.get(params.id);
  }

  @Can('story.write')
  @Post(':id/renditions/retry')
  @HttpCode(200)
  retryRenditions(
    @Param(id) params: { id: string },
    @Body(new ZodPipe(RetryImageRenditionsSchema)) body: { version: number },
    @CurrentPrincipal() actor: Principal,
  ): Promise<Media> {
    return this.media.retryRenditions(params.id, body.version, actor);
  }

  /**
   * The original's bytes (docs/images.md "Originals"): to anyone when MEDIA_PUBLIC_ORIGINALS is set
   * (cacheable forever: an id always names the same bytes) or while a live public output references
   * it (cacheable for an hour, so a CDN stops serving it soon after it is withdrawn); otherwise only
   * with a staff session (private, never stored by a cache), and 404 without one, so that whether
   * an unpublished image exists does not leak.
   */
  @Public()
  @OptionalSession()
  @Get(':id')
  async serve(
    @Param(id) params: { id: string },
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @OptionalPrincipal() principal: Principal | null,
  ): Promise<FastifyReply> {
    const found = await this.media.open(params.id);
    if (!found) throw new NotFoundError('Media');
    const staff = principal !== null && can(principal.roles, 'story.read');
    const cacheControl = this.config.MEDIA_PUBLIC_ORIGINALS
      ? 'public, max-age=31536000, immutable'
      : staff
        ? 'private, no-store'
        : (await found.publiclyReferenced())
          ? 'public, max-age=3600'
          : null;
    if (cacheControl === null) throw new NotFoundError('Media');
    const etag = `"${found.sha256}"`;
    void reply
      .header('ETag', etag)
      .header('Cache-Control', cacheControl)
      .header('X-Content-Type-Options', 'nosniff')
      // Station sites on other origins embed these images (the API's default is same-origin, common/security-headers.ts).
      .header('Cross-Origin-Resource-Policy', 'cross-origin')
      .header('Content-Disposition', `inline; filename="${params.id}.${EXTENSIONS[found.contentType]}"`);
    if (request.headers['if-none-match'] === etag) return reply.status(304).send();
    const body = await found.body();
    if (!body) {
      this.logger.error({ id: params.id, sha256: found.sha256 }, 'media record without stored bytes');
      throw new NotFoundError('Media');
    }
    return reply.type(found.contentType).header('Content-Length', String(found.byteSize)).send(body);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A multipart field's value read as latin1 (its bytes), as UTF-8 text; 400 naming the field when it is not UTF-8. */
export function utf8Field(name: string, value: unknown): unknown {
  // A part that declared its own charset has been decoded by it already (characters above U+00FF).
  if (typeof value !== 'string' || /[\u0100-\uffff]/.test(value)) return value;
  try {
    return utf8.decode(Buffer.from(value, 'latin1'));
  } catch {
    throw new ValidationError([{ field: name, message: 'Text must be valid UTF-8' }]);
  }
}

function tooLarge(): DomainError {
  return new DomainError(
    'too_large',
    `The image is larger than ${MEGABYTES} MB. Export a smaller version (a portrait needs no more than 2,000 pixels across).`,
  );
}
