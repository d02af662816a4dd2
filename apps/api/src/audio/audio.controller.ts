import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Query,
  Req,
  Res,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import {
  CreateExternalAudioSchema,
  IdParamSchema,
  IdSchema,
  ListAudioQuerySchema,
  PlayAudioQuerySchema,
  RenditionProfileSchema,
  RetryRenditionSchema,
  UpdateAudioSchema,
  UploadAudioFieldsSchema,
  fieldErrors,
  type AudioAsset,
  type AudioPage,
  type ListAudioQuery,
  type RenditionProfile,
  type UpdateAudioInput,
} from '@newsdesk/contracts';
import type { Multipart } from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Can, CurrentPrincipal } from '../auth/can.decorator.js';
import type { Principal } from '../auth/principal.js';
import { DomainError, NotFoundError, ValidationError } from '../common/errors.js';
import { badTextReason, findBadText } from '../common/text.js';
import { ZodPipe } from '../common/zod.pipe.js';
import { CONFIG, type Config } from '../config.js';
import { utf8Field } from '../media/media.controller.js';
import { sendFile } from './audio-delivery.js';
import { incomingDir, receiveToTempFile, removeQuietly, type ReceivedFile } from './audio-ingest.js';
import { AudioService } from './audio.service.js';

const id = new ZodPipe(IdParamSchema);
const renditionParams = new ZodPipe(z.object({ id: IdSchema, profile: RenditionProfileSchema }));

/**
 * The audio library (staff). Uploading, registering external audio and editing rights need
 * `audio.write`; reading and playing need `story.read`. Uploads stream to a temp file (hashed on the
 * way) and are stored by AudioService.ingest, the path the demo seed takes too.
 */
@Controller('api/audio')
export class AudioController {
  constructor(
    private readonly audio: AudioService,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  @Can('story.read')
  @Get()
  list(@Query(new ZodPipe(ListAudioQuerySchema)) query: ListAudioQuery): Promise<AudioPage> {
    return this.audio.list(query);
  }

  /** multipart/form-data: `file` (the audio), optional `title`. 201 when new, 200 when these bytes were already stored. */
  @Can('audio.write')
  @Post()
  async upload(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @CurrentPrincipal() actor: Principal,
  ): Promise<AudioAsset> {
    if (!request.isMultipart()) {
      throw new UnsupportedMediaTypeException('Send the audio as multipart/form-data, in a field named "file".');
    }
    const max = this.config.AUDIO_MAX_BYTES;
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > max + 64 * 1024) throw this.tooLarge();
    let file: { received: ReceivedFile; name: string } | null = null;
    const fields: Record<string, unknown> = {};
    try {
      try {
        const parts = request.parts({ defCharset: 'latin1', limits: { fileSize: max, files: 2, fields: 10, fieldSize: 4096, parts: 12 } });
        for await (const part of parts as AsyncIterable<Multipart>) {
          if (part.type === 'file') {
            if (part.fieldname !== 'file' || file) {
              part.file.resume();
              throw new ValidationError([{ field: part.fieldname, message: 'Send one audio file, in the field named "file"' }]);
            }
            file = { received: await receiveToTempFile(part.file, incomingDir(this.config.MEDIA_DIR)), name: part.filename ?? '' };
          } else if (part.fieldname in UploadAudioFieldsSchema.shape) {
            fields[part.fieldname] = utf8Field(part.fieldname, part.value);
          } else {
            throw new ValidationError([{ field: part.fieldname, message: 'Unknown field: send "file", and optionally "title"' }]);
          }
        }
      } catch (error) {
        if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw this.tooLarge();
        throw error;
      }
      if (!file) throw new ValidationError([{ field: 'file', message: 'Choose an audio file to upload' }]);
      const nameProblem = file.name.includes('\uFFFD') ? 'The file name is not valid UTF-8' : badTextReason(file.name);
      if (nameProblem) throw new ValidationError([{ field: 'file', message: `${nameProblem.replace(/^Text/, 'The file name')}` }]);
      const bad = findBadText(fields);
      if (bad) throw new ValidationError([bad]);
      const parsed = UploadAudioFieldsSchema.safeParse(fields);
      if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error));
      const { received, name } = file;
      file = null; // ingest owns (and removes) the temp file from here
      const { asset, created } = await this.audio.ingest(received, name, parsed.data, actor);
      void reply.status(created ? 201 : 200);
      return asset;
    } finally {
      if (file) await removeQuietly(file.received.path);
    }
  }

  @Can('audio.write')
  @Post('external')
  createExternal(
    @Body(new ZodPipe(CreateExternalAudioSchema)) body: z.output<typeof CreateExternalAudioSchema>,
    @CurrentPrincipal() actor: Principal,
  ): Promise<AudioAsset> {
    return this.audio.createExternal(body, actor);
  }

  @Can('story.read')
  @Get(':id')
  get(@Param(id) params: { id: string }): Promise<AudioAsset> {
    return this.audio.get(params.id);
  }

  @Can('audio.write')
  @Patch(':id')
  update(
    @Param(id) params: { id: string },
    @Body(new ZodPipe(UpdateAudioSchema)) body: UpdateAudioInput,
    @CurrentPrincipal() actor: Principal,
  ): Promise<AudioAsset> {
    return this.audio.update(params.id, body, actor);
  }

  @Can('audio.write')
  @HttpCode(200)
  @Post(':id/renditions/:profile/retry')
  retry(
    @Param(renditionParams) params: { id: string; profile: RenditionProfile },
    @Body(new ZodPipe(RetryRenditionSchema)) body: { version: number },
    @CurrentPrincipal() actor: Principal,
  ): Promise<AudioAsset> {
    return this.audio.retry(params.id, params.profile, body.version, actor);
  }

  /** Staff playback, whatever the rights (the public URL applies them): Range requests, no shared caching. */
  @Can('story.read')
  @Get(':id/play')
  async play(
    @Param(id) params: { id: string },
    @Query(new ZodPipe(PlayAudioQuerySchema)) query: { rendition?: RenditionProfile },
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const found = await this.audio.openForPlay(params.id, query.rendition);
    if ('redirect' in found)
      return reply.status(302).header('Location', found.redirect).header('Cache-Control', 'private, no-store').send();
    const { file } = found;
    const sent = await sendFile(request, reply, {
      ...file,
      cacheControl: 'private, max-age=0, must-revalidate',
      filename: `${params.id}.${file.contentType.split('/')[1] ?? 'bin'}`,
      open: (start, end) => this.audio.storage.getRange(file.sha256, start, end),
    });
    if (sent === false) throw new NotFoundError('The audio file');
    return sent;
  }

  private tooLarge(): DomainError {
    const max = this.config.AUDIO_MAX_BYTES;
    const size = max >= 1024 ** 3 ? `${(max / 1024 ** 3).toFixed(max % 1024 ** 3 ? 1 : 0)} GiB` : `${Math.round(max / 1024 ** 2)} MiB`;
    return new DomainError('too_large', `The audio file is larger than ${size} (AUDIO_MAX_BYTES). Upload a shorter or compressed master.`);
  }
}
