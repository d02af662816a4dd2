import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DataLossRefusedError } from '../migration-guard.js';

/**
 * Issue 21, second part (docs/images.md): a caption on every image record (media.caption, '' when
 * none) and a story's lead photo (stories.lead_image_id). A lead image cannot be deleted while a
 * story names it (RESTRICT): a published story never loses its photo by a media deletion.
 */
export class LeadImageCaption1765260000000 implements MigrationInterface {
  name = 'LeadImageCaption1765260000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE media ADD COLUMN caption text NOT NULL DEFAULT '' CHECK (char_length(caption) <= 1000)`);
    await db.query(`ALTER TABLE stories ADD COLUMN lead_image_id uuid REFERENCES media (id) ON DELETE RESTRICT`);
    await db.query(`CREATE INDEX stories_lead_image_idx ON stories (lead_image_id) WHERE lead_image_id IS NOT NULL`);
  }

  /** Captions and lead images are editors' work: refused while any is set. */
  async down(db: QueryRunner): Promise<void> {
    const [counts] = (await db.query(
      `SELECT (SELECT count(*)::int FROM media WHERE caption <> '') AS captions,
              (SELECT count(*)::int FROM stories WHERE lead_image_id IS NOT NULL) AS leads`,
    )) as Array<{ captions: number; leads: number }>;
    if (counts && (counts.captions > 0 || counts.leads > 0))
      throw new DataLossRefusedError(
        `Refusing to revert migration ${this.name}: it would drop ${counts.captions} image captions and ${counts.leads} stories' lead images. Clear them first if you really mean to lose them; nothing was changed.`,
      );
    await db.query(`DROP INDEX stories_lead_image_idx`);
    await db.query(`ALTER TABLE stories DROP COLUMN lead_image_id`);
    await db.query(`ALTER TABLE media DROP COLUMN caption`);
  }
}
