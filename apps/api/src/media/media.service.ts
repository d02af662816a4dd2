import { Inject, Injectable, Logger, UnsupportedMediaTypeException } from '@nestjs/common';
import { mediaPath, type Media, type MediaType, type UpdateMediaInput } from '@newsdesk/contracts';
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { EntityManager } from 'typeorm';
import { compactDiff } from '../audit/audit.diff.js';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { NotFoundError, ValidationError } from '../common/errors.js';
import { VersionedWriter } from '../common/versioned-write.js';
import { CorrespondentsRepository } from '../correspondents/correspondents.repository.js';
import { MEDIA_STORAGE, type MediaStorage } from './media-storage.js';
import { MediaRepository, type MediaRow } from './media.repository.js';
import { sniffImage } from './sniff.js';

export type { MediaRow } from './media.repository.js';

export function toMediaDto(row: MediaRow): Media {
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
    url: mediaPath(row.id),
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
};

/** The reason an image cannot be published yet, or null: alt text and credit are required. */
export function missingImageFields(media: Pick<Media, 'alt' | 'credit'>): string | null {
  const missing = [!media.alt.trim() && 'alt text', !media.credit.trim() && 'a credit'].filter(Boolean);
  return missing.length ? `The photo needs ${missing.join(' and ')} before publication` : null;
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
  ) {}

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
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const existing = await this.media.findBySha(sha256);
    if (existing) return { media: toMediaDto(existing), created: false };
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
            width: sniffed.width,
            height: sniffed.height,
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
        await this.storage.put(sha256, bytes, sniffed.contentType);
        stored = true;
        return inserted;
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
      return { media: toMediaDto(winner), created: false };
    }
    return { media: toMediaDto(row), created: true };
  }

  async get(id: string, tx?: EntityManager): Promise<Media> {
    const row = await this.media.find(id, tx);
    if (!row) throw new NotFoundError('Media');
    return toMediaDto(row);
  }

  /** The media record, or null (for references in other records' writes). */
  async find(id: string, tx?: EntityManager): Promise<Media | null> {
    const row = await this.media.find(id, tx);
    return row ? toMediaDto(row) : null;
  }

  /** Alt text and credit. Emptying either is refused while a published profile shows the image. */
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
              !alt && { field: 'alt', message: 'A published profile shows this image: it keeps its alt text' },
              !credit && { field: 'credit', message: 'A published profile shows this image: it keeps its credit' },
            ].filter((error): error is { field: string; message: string } => Boolean(error)),
          );
        }
        const after = await this.media.updateText(tx, id, alt, credit, actor.userId);
        if (!after) throw new NotFoundError('Media');
        return after;
      },
      audit: (row, after) => ({ actor, action: 'update', entity: 'media', entityId: id, diff: compactDiff(row, after, AUDITED) }),
    });
    return this.get(id);
  }

  /**
   * Whether published content shows this image (its alt text and credit must then stay). The
   * stories feature adds its published stories here when story images arrive.
   */
  private isInPublishedUse(tx: EntityManager, mediaId: string): Promise<boolean> {
    return this.profiles.photoInPublishedUse(tx, mediaId);
  }

  /** What GET /api/media/:id serves: the type and size from the record, the bytes from storage. */
  async open(
    id: string,
  ): Promise<{ sha256: string; contentType: MediaType; byteSize: number; body: () => Promise<Readable | null> } | null> {
    const row = await this.media.servable(id);
    if (!row) return null;
    return { sha256: row.sha256, contentType: row.content_type, byteSize: row.byte_size, body: () => this.storage.get(row.sha256) };
  }
}
