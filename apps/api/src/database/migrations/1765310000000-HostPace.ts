import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DataLossRefusedError } from '../migration-guard.js';

/**
 * Issue 20 item 1 (docs/schedule.md "Scripts"): a reading pace per host. A person may have a
 * words-per-minute setting (people.words_per_minute, 60-400, NULL: none), and a rundown item names
 * who reads it (rundown_items.reader_id); the item's reading time uses the reader's pace when set,
 * else the program's. A person's removal (merge, delete) leaves their items unread-by (SET NULL).
 */
export class HostPace1765310000000 implements MigrationInterface {
  name = 'HostPace1765310000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE people ADD COLUMN words_per_minute integer CHECK (words_per_minute BETWEEN 60 AND 400)`);
    await db.query(`ALTER TABLE rundown_items ADD COLUMN reader_id uuid REFERENCES people (id) ON DELETE SET NULL`);
    await db.query(`CREATE INDEX rundown_items_reader_idx ON rundown_items (reader_id) WHERE reader_id IS NOT NULL`);
  }

  /** Paces and readers are producers' work: refused while any is set. */
  async down(db: QueryRunner): Promise<void> {
    const [counts] = (await db.query(
      `SELECT (SELECT count(*)::int FROM people WHERE words_per_minute IS NOT NULL) AS paces,
              (SELECT count(*)::int FROM rundown_items WHERE reader_id IS NOT NULL) AS readers`,
    )) as Array<{ paces: number; readers: number }>;
    if (counts && (counts.paces > 0 || counts.readers > 0))
      throw new DataLossRefusedError(
        `Refusing to revert migration ${this.name}: it would drop ${counts.paces} hosts' reading paces and ${counts.readers} rundown items' readers. Clear them first if you really mean to lose them; nothing was changed.`,
      );
    await db.query(`DROP INDEX rundown_items_reader_idx`);
    await db.query(`ALTER TABLE rundown_items DROP COLUMN reader_id`);
    await db.query(`ALTER TABLE people DROP COLUMN words_per_minute`);
  }
}
