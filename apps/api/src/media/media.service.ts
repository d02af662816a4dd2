import { Inject, Injectable, Logger, UnsupportedMediaTypeException } from '@nestjs/common';
import {
  CROP_ASPECTS,
  IMAGE_MAX_PIXELS,
  manualCropProblem,
  mediaPath,
  type BodyImageRenditions,
  type Crops,
  type FieldError,
  type ImageRenditionStatus,
  type Media,
  type MediaType,
  type UpdateMediaInput,
} from '@newsdesk/contracts';
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { EntityManager } from 'typeorm';
import { compactDiff } from '../audit/audit.diff.js';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { ConflictError, NotFoundError, ValidationError } from '../common/errors.js';
import { VersionedWriter } from '../common/versioned-write.js';
import { CorrespondentsRepository } from '../correspondents/correspondents.repository.js';
import { MEDIA_STORAGE, type MediaStorage } from './media-storage.js';
import { uprightSize } from './image-renderer.js';
import { ImageRenditionsRepository } from './image-renditions.repository.js';
import { ImageRenditionsService } from './image-renditions.service.js';
import { MediaRepository, type MediaRow } from './media.repository.js';
import { sniffImage } from './sniff.js';

export type { MediaRow } from './media.repository.js';

export function toMediaDto(row: MediaRow, renditions: ImageRenditionStatus): Media {
  return {
    id: row.id,
    sha256: row.sha256,
    contentType: row.content_type,
    byteSize: row.byte_size,
    width: row.width,
    height: row.height,
    originalName: row.original_name,
    alt: row.alt,
    credit: row.credit,
    caption: row.caption,
    url: mediaPath(row.id),
    focalX: row.focal_x,
    focalY: row.focal_y,
    crops: row.crops,
    renditions,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Audited columns, named in the diff by their contract field. */
const AUDITED = {
  sha256: 'sha256',
  content_type: 'contentType',
  byte_size: 'byteSize',
  width: 'width',
  height: 'height',
  original_name: 'originalName',
  alt: 'alt',
  credit: 'credit',
  caption: 'caption',
  focal_x: 'focalX',
  focal_y: 'focalY',
  crops: 'crops',
};

/**
 * The reason an image cannot be published yet, or null: alt text and credit are required, and its
 * renditions (of its current focal point and crops) must be ready.
 */
export function missingImageFields(
  media: Pick<Media, 'alt' | 'credit'> & { renditions: Pick<ImageRenditionStatus, 'state' | 'error'> },
): string | null {
  const missing = [!media.alt.trim() && 'alt text', !media.credit.trim() && 'a credit'].filter(Boolean);
  if (missing.length) return `The photo needs ${missing.join(' and ')} before publication`;
  const { state, error } = media.renditions;
  if (state === 'failed') return `The photo's renditions failed (${error ?? 'no reason given'}): retry them or upload the photo again`;
  if (state !== 'ready') return `The photo's renditions are not ready yet (${state}): publish once they are made`;
  return null;
}

@Injectable()
export class MediaService {
  private readonly logger = new Logger('media');

  constructor(
    private readonly media: MediaRepository,
    private readonly profiles: CorrespondentsRepository,
    private readonly writer: VersionedWriter,
    private readonly audit: AuditService,
    @Inject(MEDIA_STORAGE) private readonly storage: MediaStorage,
    private readonly renditions: ImageRenditionsService,
    private readonly renditionRows: ImageRenditionsRepository,
  ) {}

  private async dto(row: MediaRow, tx?: EntityManager): Promise<Media> {
    return toMediaDto(row, await this.renditions.status(row, tx));
  }

  /**
   * Stores an uploaded image: sniffed from its bytes (415 with the reason when it is not a JPEG,
   * PNG or WebP), kept once per content. The same bytes again return the existing record.
   */
  async upload(
    bytes: Buffer,
    originalName: string,
    fields: { alt?: string; credit?: string },
    actor: Principal,
  ): Promise<{ media: Media; created: boolean }> {
    const sniffed = sniffImage(bytes);
    if (!sniffed.ok) throw new UnsupportedMediaTypeException(sniffed.reason);
    // A decompression bomb (a small file declaring a huge canvas) is refused from its header, before anything decodes it.
    if (sniffed.width * sniffed.height > IMAGE_MAX_PIXELS) {
      const megapixels = Math.round((sniffed.width * sniffed.height) / 1e6).toLocaleString('en-US');
      throw new ValidationError([
        {
          field: 'file',
          message: `"${[...originalName].slice(0, 100).join('')}" declares ${sniffed.width.toLocaleString('en-US')} × ${sniffed.height.toLocaleString('en-US')} pixels (${megapixels} megapixels): at most ${IMAGE_MAX_PIXELS / 1e6} megapixels are accepted`,
        },
      ]);
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const existing = await this.media.findBySha(sha256);
    if (existing) return { media: await this.dto(existing), created: false };
    // The upright size (EXIF orientation applied), from the header: crops are planned on it. A file
    // libvips cannot read keeps the sniffed size; its rendition job fails with libvips's reason.
    const upright = await uprightSize(bytes).catch(() => ({ width: sniffed.width, height: sniffed.height }));
    // The row first, the bytes last inside its transaction: a committed row always has its bytes,
    // and bytes are stored only for a row that passed every check. Our insert holds the sha256's
    // unique key, so no committed row uses these bytes: if the commit fails they are removed.
    let stored = false;
    let row: MediaRow | null;
    try {
      row = await this.media.transaction(async (tx) => {
        const inserted = await this.media.insert(
          tx,
          {
            sha256,
            contentType: sniffed.contentType,
            byteSize: bytes.length,
            width: upright.width,
            height: upright.height,
            originalName: [...originalName].slice(0, 255).join(''),
            alt: fields.alt ?? '',
            credit: fields.credit ?? '',
          },
          actor.userId,
        );
        if (!inserted) return null;
        await this.audit.record(tx, {
          actor,
          action: 'create',
          entity: 'media',
          entityId: inserted.id,
          diff: compactDiff(null, inserted, AUDITED),
        });
        const planned = await this.renditions.plan(tx, inserted);
        await this.storage.put(sha256, bytes, sniffed.contentType);
        stored = true;
        return planned;
      });
    } catch (error) {
      if (stored)
        await this.storage
          .delete(sha256)
          .catch((cleanup: unknown) => this.logger.error({ err: cleanup, sha256 }, 'could not remove the bytes of a failed upload'));
      throw error;
    }
    // Lost a race with an identical upload: that one's record is the record.
    if (!row) {
      const winner = await this.media.findBySha(sha256);
      if (!winner) throw new NotFoundError('Media');
      return { media: await this.dto(winner), created: false };
    }
    return { media: await this.dto(row), created: true };
  }

  async get(id: string, tx?: EntityManager): Promise<Media> {
    const row = await this.media.find(id, tx);
    if (!row) throw new NotFoundError('Media');
    return this.dto(row, tx);
  }

  /** The media record, or null (for references in other records' writes). */
  async find(id: string, tx?: EntityManager): Promise<Media | null> {
    const row = await this.media.find(id, tx);
    return row ? this.dto(row, tx) : null;
  }

  /**
   * Alt text, credit, focal point and manual crops. Emptying alt or credit is refused while a
   * published profile shows the image; a manual crop must have its aspect's shape and contain the
   * focal point (400 naming `crops.<aspect>`, or `focalX` when the focal point moved out of one).
   * A new focal point or crop plans new renditions in the same transaction (new keys: the URLs of
   * the old ones keep answering).
   */
  async update(id: string, input: UpdateMediaInput, actor: Principal): Promise<Media> {
    await this.writer.write<MediaRow, MediaRow>({
      what: 'image',
      version: input.version,
      lock: async (tx) => {
        const row = await this.media.lock(tx, id);
        if (!row) throw new NotFoundError('Media');
        return row;
      },
      apply: async (tx, row) => {
        const alt = input.alt ?? row.alt;
        const credit = input.credit ?? row.credit;
        if ((!alt || !credit) && (await this.isInPublishedUse(tx, id))) {
          throw new ValidationError(
            [
              !alt && { field: 'alt', message: 'A published profile or story shows this image: it keeps its alt text' },
              !credit && { field: 'credit', message: 'A published profile or story shows this image: it keeps its credit' },
            ].filter((error): error is { field: string; message: string } => Boolean(error)),
          );
        }
        const caption = input.caption ?? row.caption;
        const focalX = input.focalX ?? row.focal_x;
        const focalY = input.focalY ?? row.focal_y;
        const crops: Crops = input.crops ?? row.crops;
        const problems: FieldError[] = [];
        for (const aspect of CROP_ASPECTS) {
          const box = crops[aspect];
          const problem = box && manualCropProblem(row.width, row.height, aspect, box, { x: focalX, y: focalY });
          if (problem) problems.push({ field: input.crops ? `crops.${aspect}` : 'focalX', message: problem });
        }
        if (problems.length) throw new ValidationError(problems);
        const after = await this.media.updateFields(tx, id, { alt, credit, caption, focalX, focalY, crops }, actor.userId);
        if (!after) throw new NotFoundError('Media');
        return this.renditions.plan(tx, after);
      },
      audit: (row, after) => ({ actor, action: 'update', entity: 'media', entityId: id, diff: compactDiff(row, after, AUDITED) }),
    });
    return this.get(id);
  }

  /** The renditions of these images' current focal point and crops (for a story body's `<picture>`s), by media id. */
  async bodyImages(ids: string[]): Promise<Map<string, BodyImageRenditions>> {
    const found = new Map<string, BodyImageRenditions>();
    for (const row of await this.renditionRows.current(ids)) {
      const srcset = row.delivery.srcset.original;
      if (srcset) found.set(row.media_id, { srcset });
    }
    return found;
  }

  /** Why a story body's uploaded images cannot be published yet: renditions not ready or failed (one message per image). */
  async bodyRenditionProblems(tx: EntityManager, ids: string[]): Promise<string[]> {
    if (!ids.length) return [];
    const current = new Map((await this.renditionRows.current(ids, tx)).map((row) => [row.media_id, row]));
    const problems: string[] = [];
    for (const id of ids) {
      const row = current.get(id);
      if (row?.state === 'ready') continue;
      problems.push(
        row?.state === 'failed'
          ? `The renditions of the image ${mediaPath(id)} failed (${row.error ?? 'no reason given'}): retry them or upload it again`
          : row
            ? `The renditions of the image ${mediaPath(id)} are not ready yet (${row.state}): publish once they are made`
            : `The image ${mediaPath(id)} is not an uploaded image: upload it again`,
      );
    }
    return problems;
  }

  /**
   * Why this image cannot be a published story's lead photo, or null: it must exist (400 naming
   * `leadImageId`), and have alt text, a credit and ready renditions (the rule of every published
   * image: missingImageFields).
   */
  async leadImageProblem(tx: EntityManager, id: string): Promise<string | null> {
    const media = await this.find(id, tx);
    if (!media) return 'No uploaded image with this id';
    return missingImageFields(media);
  }

  /** Queues a failed rendition job again (409 when the current renditions did not fail). */
  async retryRenditions(id: string, version: number, actor: Principal): Promise<Media> {
    await this.writer.write<MediaRow, MediaRow>({
      what: 'image',
      version,
      lock: async (tx) => {
        const row = await this.media.lock(tx, id);
        if (!row) throw new NotFoundError('Media');
        return row;
      },
      apply: async (tx, row) => {
        const job = await this.renditions.retry(tx, row);
        if (!job) throw new ConflictError('The renditions of this image have not failed: there is nothing to retry.');
        return row;
      },
      audit: () => ({ actor, action: 'update', entity: 'media', entityId: id, diff: { renditions: ['failed', 'pending'] } }),
    });
    return this.get(id);
  }

  /**
   * Whether published content shows this image (its alt text and credit must then stay): a
   * published profile's photo, or the lead photo of a published or scheduled story.
   */
  private async isInPublishedUse(tx: EntityManager, mediaId: string): Promise<boolean> {
    return (await this.profiles.photoInPublishedUse(tx, mediaId)) || (await this.media.leadOfLiveStory(tx, mediaId));
  }

  /** What GET /api/media/:id serves: the type and size from the record, the bytes from storage. */
  async open(id: string): Promise<{
    sha256: string;
    contentType: MediaType;
    byteSize: number;
    /** Whether a live public output references this original (docs/images.md "Originals"): asked when needed. */
    publiclyReferenced: () => Promise<boolean>;
    body: () => Promise<Readable | null>;
  } | null> {
    const row = await this.media.servable(id);
    if (!row) return null;
    return {
      sha256: row.sha256,
      contentType: row.content_type,
      byteSize: row.byte_size,
      publiclyReferenced: () => this.media.publiclyReferenced(id),
      body: () => this.storage.get(row.sha256),
    };
  }
}
