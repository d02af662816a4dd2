import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DataLossRefusedError } from '../migration-guard.js';

/**
 * Image renditions (issue 21, docs/images.md): the focal point and manual crops on the media
 * record; one job row per rendition plan (a plan is the set of renditions of one focal point and
 * crops, keyed by their hash) with its state; one row per rendition file (keyed by the hash of
 * its recipe, which is also its storage key and public URL). Renditions are never deleted here:
 * a crop change makes new keys, and the old URLs keep answering.
 */
export class ImageRenditions1765140000000 implements MigrationInterface {
  name = 'ImageRenditions1765140000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE media
      ADD COLUMN focal_x double precision NOT NULL DEFAULT 0.5 CHECK (focal_x >= 0 AND focal_x <= 1),
      ADD COLUMN focal_y double precision NOT NULL DEFAULT 0.5 CHECK (focal_y >= 0 AND focal_y <= 1),
      ADD COLUMN crops jsonb NOT NULL DEFAULT '{}'::jsonb,
      ADD COLUMN plan_key text CHECK (plan_key ~ '^[0-9a-f]{64}$')`);
    await db.query(`CREATE TABLE image_rendition_jobs (
      media_id uuid NOT NULL REFERENCES media (id) ON DELETE CASCADE,
      plan_key text NOT NULL CHECK (plan_key ~ '^[0-9a-f]{64}$'),
      plan jsonb NOT NULL,
      delivery jsonb NOT NULL,
      state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'encoding', 'ready', 'failed')),
      done integer NOT NULL DEFAULT 0,
      total integer NOT NULL,
      error text,
      attempts integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz,
      PRIMARY KEY (media_id, plan_key)
    )`);
    await db.query(
      `CREATE INDEX image_rendition_jobs_open_idx ON image_rendition_jobs (updated_at) WHERE state IN ('pending', 'encoding')`,
    );
    await db.query(`CREATE TABLE image_renditions (
      key text PRIMARY KEY CHECK (key ~ '^[0-9a-f]{64}$'),
      media_id uuid NOT NULL REFERENCES media (id) ON DELETE CASCADE,
      aspect text NOT NULL,
      width integer NOT NULL CHECK (width > 0),
      height integer NOT NULL CHECK (height > 0),
      content_type text NOT NULL CHECK (content_type IN ('image/avif', 'image/webp', 'image/jpeg')),
      byte_size integer NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await db.query(`CREATE INDEX image_renditions_media_idx ON image_renditions (media_id)`);
    // Public images show a plan's renditions once its job is ready: the public cache hears of that
    // (not of every progress update, which would empty it dozens of times per image).
    await db.query(`CREATE TRIGGER image_rendition_jobs_public_ready AFTER UPDATE OF state ON image_rendition_jobs FOR EACH ROW
      WHEN (NEW.state = 'ready' AND OLD.state IS DISTINCT FROM 'ready') EXECUTE FUNCTION newsdesk_public_changed()`);
  }

  /** Renditions are derived (made again from the originals); focal points and crops are editors' work: refused while any is set. */
  async down(db: QueryRunner): Promise<void> {
    const [edited] = (await db.query(
      `SELECT count(*)::int AS n FROM media WHERE focal_x <> 0.5 OR focal_y <> 0.5 OR crops <> '{}'::jsonb`,
    )) as Array<{ n: number }>;
    const count = edited?.n ?? 0;
    if (count > 0)
      throw new DataLossRefusedError(
        `Refusing to revert migration ${this.name}: it would drop the focal points and crops of ${count} images. Reset them first if you really mean to lose them; nothing was changed.`,
      );
    await db.query(`DROP TABLE image_renditions`);
    await db.query(`DROP TABLE image_rendition_jobs`);
    await db.query(`ALTER TABLE media DROP COLUMN plan_key, DROP COLUMN crops, DROP COLUMN focal_y, DROP COLUMN focal_x`);
  }
}
