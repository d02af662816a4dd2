import type { MigrationInterface, QueryRunner } from 'typeorm';
import { refuseIfData } from '../migration-guard.js';

const OLD_KINDS = `'story','interview','newscast','underwriting','music','break','other'`;
const NEW_KINDS = `${OLD_KINDS},'hard_post','news_hole','music_bed','legal_id'`;

/**
 * Producers on air (issue 20, docs/schedule.md "On air"): scripts and hard posts on rundown items,
 * a reading pace per program, hour clocks per program, and the takes of a live block (the as-run
 * log). A take is identified by (segment, seq): two presses that saw the same state insert the
 * same key and only one is recorded. Every take or rundown save NOTIFYs 'newsdesk_onair' with the
 * segment id (the live views of every API process), and takes notify the public cache (Now / Next
 * Up follows actual times).
 */
export class OnAir1765240000000 implements MigrationInterface {
  name = 'OnAir1765240000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE programs ADD COLUMN words_per_minute integer NOT NULL DEFAULT 160
      CHECK (words_per_minute BETWEEN 60 AND 400)`);
    await db.query(`ALTER TABLE rundown_items DROP CONSTRAINT rundown_items_kind_check`);
    await db.query(`ALTER TABLE rundown_items ADD CONSTRAINT rundown_items_kind_check CHECK (kind IN (${NEW_KINDS}))`);
    await db.query(`ALTER TABLE rundown_items ADD COLUMN script jsonb NOT NULL DEFAULT '{"type":"doc","content":[]}'
      CHECK (jsonb_typeof(script) = 'object')`);
    await db.query(`ALTER TABLE rundown_items ADD COLUMN post_at timestamptz(3)`);
    await db.query(`
      CREATE TABLE program_clocks (
        program_id uuid PRIMARY KEY REFERENCES programs (id) ON DELETE CASCADE,
        version integer NOT NULL DEFAULT 1,
        items jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(items) = 'array'),
        updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    // A take: no foreign key to the item (a rundown save replaces the item rows, keeping their ids);
    // the title, kind, plan and story are copied, so the log stays what aired.
    await db.query(`
      CREATE TABLE rundown_takes (
        segment_id uuid NOT NULL REFERENCES segments (id) ON DELETE CASCADE,
        seq integer NOT NULL CHECK (seq >= 1),
        item_id uuid,
        title text NOT NULL,
        kind text NOT NULL,
        story_id uuid REFERENCES stories (id) ON DELETE SET NULL,
        planned_start timestamptz(3),
        planned_seconds integer NOT NULL DEFAULT 0,
        taken_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        taken_by uuid REFERENCES users (id) ON DELETE SET NULL,
        PRIMARY KEY (segment_id, seq)
      )`);
    await db.query(`CREATE INDEX rundown_takes_story_idx ON rundown_takes (story_id) WHERE story_id IS NOT NULL`);
    await db.query(`
      CREATE FUNCTION newsdesk_onair_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('newsdesk_onair', (CASE WHEN TG_OP = 'DELETE' THEN OLD.segment_id ELSE NEW.segment_id END)::text);
        RETURN NULL;
      END $$`);
    await db.query(`CREATE TRIGGER rundown_takes_onair AFTER INSERT OR DELETE ON rundown_takes
      FOR EACH ROW EXECUTE FUNCTION newsdesk_onair_changed()`);
    await db.query(`CREATE TRIGGER rundowns_onair AFTER INSERT OR UPDATE ON rundowns
      FOR EACH ROW EXECUTE FUNCTION newsdesk_onair_changed()`);
    await db.query(`CREATE TRIGGER rundown_takes_public_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON rundown_takes
      FOR EACH STATEMENT EXECUTE FUNCTION newsdesk_public_changed()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await refuseIfData(db, this.name, ['rundown_takes', 'program_clocks']);
    const [extra] = (await db.query(
      `SELECT count(*)::int AS n FROM rundown_items WHERE kind IN ('hard_post','news_hole','music_bed','legal_id') OR post_at IS NOT NULL OR script <> '{"type":"doc","content":[]}'`,
    )) as Array<{ n: number }>;
    if (extra && extra.n > 0)
      throw new Error(`Refusing to revert migration ${this.name}: ${extra.n} rundown items carry scripts, posts or new kinds`);
    await db.query(`DROP TRIGGER rundown_takes_public_changed ON rundown_takes`);
    await db.query(`DROP TRIGGER rundowns_onair ON rundowns`);
    await db.query(`DROP TABLE rundown_takes`);
    await db.query(`DROP FUNCTION newsdesk_onair_changed()`);
    await db.query(`DROP TABLE program_clocks`);
    await db.query(`ALTER TABLE rundown_items DROP COLUMN post_at`);
    await db.query(`ALTER TABLE rundown_items DROP COLUMN script`);
    await db.query(`ALTER TABLE rundown_items DROP CONSTRAINT rundown_items_kind_check`);
    await db.query(`ALTER TABLE rundown_items ADD CONSTRAINT rundown_items_kind_check CHECK (kind IN (${OLD_KINDS}))`);
    await db.query(`ALTER TABLE programs DROP COLUMN words_per_minute`);
  }
}
