import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables that change what public story responses show (bylines, names) notify the public cache too. */
const NOTIFYING = ['story_bylines', 'correspondents', 'people'];

/** Stories link to their program; bylines and names join the public-cache notifications. */
export class StoryLinks1764550000000 implements MigrationInterface {
  name = 'StoryLinks1764550000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE stories ADD CONSTRAINT stories_program_fk FOREIGN KEY (program_id) REFERENCES programs (id) ON DELETE SET NULL`,
    );
    await db.query(`CREATE INDEX stories_program_idx ON stories (program_id) WHERE program_id IS NOT NULL`);
    for (const table of NOTIFYING) {
      await db.query(`CREATE TRIGGER ${table}_public_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION newsdesk_public_changed()`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of NOTIFYING) await db.query(`DROP TRIGGER ${table}_public_changed ON ${table}`);
    await db.query(`DROP INDEX stories_program_idx`);
    await db.query(`ALTER TABLE stories DROP CONSTRAINT stories_program_fk`);
  }
}
