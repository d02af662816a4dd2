import type { MigrationInterface, QueryRunner } from 'typeorm';
import { refuseIfData } from '../migration-guard.js';

/**
 * What transcripts need around their table:
 * - the public-cache NOTIFY (see PublicCacheNotify) on transcript_turns (people notify already,
 *   since StoryLinks: a speaker's name and slug are read live from people);
 * - person_merges: which person a merged-away person went into, so a transcript written or a
 *   revision restored with the duplicate's id still lands on the survivor (the duplicate's row
 *   is gone; its turns were moved by the merge).
 */
export class TranscriptReferences1764610000000 implements MigrationInterface {
  name = 'TranscriptReferences1764610000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TRIGGER transcript_turns_public_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON transcript_turns
      FOR EACH STATEMENT EXECUTE FUNCTION newsdesk_public_changed()`);
    await db.query(`
      CREATE TABLE person_merges (
        from_id uuid PRIMARY KEY,
        into_id uuid NOT NULL REFERENCES people (id) ON DELETE CASCADE,
        merged_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX person_merges_into_idx ON person_merges (into_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await refuseIfData(db, this.name, ['person_merges']);
    await db.query(`DROP TABLE person_merges`);
    await db.query(`DROP TRIGGER transcript_turns_public_changed ON transcript_turns`);
  }
}
