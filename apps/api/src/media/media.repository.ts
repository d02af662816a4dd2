import { Injectable } from '@nestjs/common';
import type { Crops, MediaType } from '@newsdesk/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { one, rows, type Db } from '../common/db.js';
import { LIVE_SQL } from '../stories/story-live.js';

/**
 * Whether a live public output references the original of media `m` by its URL `/api/media/{id}`
 * (docs/images.md "Originals"): a live story leading with it (the public image JSON's `url`) or
 * naming it in its body (`images[]`, JSON-LD, ninjs, CDS; a body rendered before renditions has it
 * as `<img src>`), a published correspondent's photo or bio, an enabled podcast's artwork.
 */
const ORIGINAL_PUBLICLY_REFERENCED = `(
  EXISTS (SELECT 1 FROM stories s WHERE s.lead_image_id = m.id AND ${LIVE_SQL})
  OR EXISTS (SELECT 1 FROM stories s WHERE ${LIVE_SQL}
               AND (strpos(s.body_html, '/api/media/' || m.id::text) > 0
                    OR jsonb_path_exists(s.body, 'strict $.** ? (@.type == "image" && @.attrs.src == $src)',
                                         jsonb_build_object('src', '/api/media/' || m.id::text))))
  OR EXISTS (SELECT 1 FROM correspondents c WHERE c.status = 'published'
               AND (c.photo_id = m.id OR strpos(c.bio_html, '/api/media/' || m.id::text) > 0))
  OR EXISTS (SELECT 1 FROM program_podcasts pp WHERE pp.artwork_media_id = m.id AND pp.enabled))`;

/** An uploaded image's record (its bytes are in the media storage, by sha256). */
export type MediaRow = {
  id: string;
  sha256: string;
  content_type: MediaType;
  byte_size: number;
  width: number;
  height: number;
  original_name: string;
  alt: string;
  credit: string;
  caption: string;
  focal_x: number;
  focal_y: number;
  crops: Crops;
  /** The hash of the current rendition plan (image_rendition_jobs); null until planned. */
  plan_key: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
};

export interface NewMedia {
  sha256: string;
  contentType: MediaType;
  byteSize: number;
  width: number;
  height: number;
  originalName: string;
  alt: string;
  credit: string;
}

/** Every SQL statement of media records. */
@Injectable()
export class MediaRepository {
  constructor(private readonly db: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  find(id: string, tx: Db = this.db): Promise<MediaRow | undefined> {
    return one<MediaRow>(tx, `SELECT * FROM media WHERE id = $1`, [id]);
  }

  findBySha(sha256: string, tx: Db = this.db): Promise<MediaRow | undefined> {
    return one<MediaRow>(tx, `SELECT * FROM media WHERE sha256 = $1`, [sha256]);
  }

  /** What serving the bytes needs. */
  servable(id: string, tx: Db = this.db): Promise<Pick<MediaRow, 'sha256' | 'content_type' | 'byte_size'> | undefined> {
    return one<Pick<MediaRow, 'sha256' | 'content_type' | 'byte_size'>>(
      tx,
      `SELECT sha256, content_type, byte_size FROM media WHERE id = $1`,
      [id],
    );
  }

  /**
   * Whether a live public output references this original. Asked only for an anonymous request
   * (staff and MEDIA_PUBLIC_ORIGINALS never need it): its body check reads live stories' bodies.
   */
  async publiclyReferenced(id: string, tx: Db = this.db): Promise<boolean> {
    const row = await one<{ referenced: boolean }>(
      tx,
      `SELECT ${ORIGINAL_PUBLICLY_REFERENCED} AS referenced FROM media m WHERE m.id = $1`,
      [id],
    );
    return row?.referenced ?? false;
  }

  /** The new record, or undefined when a record with these bytes (sha256) exists already. */
  insert(tx: Db, media: NewMedia, actorId: string | null): Promise<MediaRow | undefined> {
    return one<MediaRow>(
      tx,
      `INSERT INTO media (sha256, content_type, byte_size, width, height, original_name, alt, credit, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) ON CONFLICT (sha256) DO NOTHING RETURNING *`,
      [media.sha256, media.contentType, media.byteSize, media.width, media.height, media.originalName, media.alt, media.credit, actorId],
    );
  }

  /** SELECT ... FOR UPDATE of the record. */
  lock(tx: Db, id: string): Promise<MediaRow | undefined> {
    return one<MediaRow>(tx, `SELECT * FROM media WHERE id = $1 FOR UPDATE`, [id]);
  }

  /** Alt text, credit, focal point and crops, version + 1; the record as written. */
  updateFields(
    tx: Db,
    id: string,
    fields: { alt: string; credit: string; caption: string; focalX: number; focalY: number; crops: Crops },
    actorId: string | null,
  ): Promise<MediaRow | undefined> {
    return one<MediaRow>(
      tx,
      `UPDATE media SET alt = $2, credit = $3, focal_x = $4, focal_y = $5, crops = $6, caption = $8, version = version + 1, updated_at = now(), updated_by = $7
        WHERE id = $1 RETURNING *`,
      [id, fields.alt, fields.credit, fields.focalX, fields.focalY, JSON.stringify(fields.crops), actorId, fields.caption],
    );
  }

  /** The current rendition plan (not a content change: no version bump). */
  setPlan(tx: Db, id: string, planKey: string): Promise<MediaRow | undefined> {
    return one<MediaRow>(tx, `UPDATE media SET plan_key = $2 WHERE id = $1 RETURNING *`, [id, planKey]);
  }

  /** The upright size, for records stored before it was read with the orientation applied (their first plan). */
  setUprightSize(tx: Db, id: string, width: number, height: number): Promise<MediaRow | undefined> {
    return one<MediaRow>(tx, `UPDATE media SET width = $2, height = $3 WHERE id = $1 AND plan_key IS NULL RETURNING *`, [
      id,
      width,
      height,
    ]);
  }

  /** Whether a published or scheduled story has this image as its lead photo (a read of stories beside our own rows). */
  async leadOfLiveStory(tx: Db, mediaId: string): Promise<boolean> {
    return Boolean(
      await one<{ one: number }>(
        tx,
        `SELECT 1 AS one FROM stories WHERE lead_image_id = $1 AND status IN ('published', 'scheduled') LIMIT 1`,
        [mediaId],
      ),
    );
  }

  /**
   * Records without a rendition plan yet (uploaded before renditions, or inserted by the demo seed),
   * or whose plan has no job row (the rendition cleanup removed it in the instant the record went
   * back to that plan: docs/images.md "Rendition cleanup").
   */
  unplanned(limit: number): Promise<MediaRow[]> {
    return rows<MediaRow>(
      this.db,
      `SELECT * FROM media m WHERE m.plan_key IS NULL
           OR NOT EXISTS (SELECT 1 FROM image_rendition_jobs j WHERE j.media_id = m.id AND j.plan_key = m.plan_key)
        ORDER BY m.created_at LIMIT $1`,
      [limit],
    );
  }
}
