import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 21, rendition cleanup (docs/images.md "Rendition cleanup"): when a rendition was last seen
 * referenced by a live output (a kept plan, a stored body or bio). NULL: never marked yet, its
 * creation counts. The cleanup deletes renditions unreferenced for longer than the grace period.
 */
export class RenditionCleanup1765300000000 implements MigrationInterface {
  name = 'RenditionCleanup1765300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE image_renditions ADD COLUMN last_referenced_at timestamptz`);
  }

  /** Only a timestamp the next cleanup recomputes: nothing an editor made is lost. */
  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE image_renditions DROP COLUMN last_referenced_at`);
  }
}
