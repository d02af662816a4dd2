import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The rest of the public responses are cached too (correspondents, people, stations, Now / Next
 * Up), so the tables they read notify the public cache on change as well (see PublicCacheNotify):
 * a profile's photo and its alt text and credit (media), and the on-air schedule.
 */
const NOTIFYING = ['media', 'stations', 'programs', 'segments'];

export class PublicCacheProfilesSchedule1764810000000 implements MigrationInterface {
  name = 'PublicCacheProfilesSchedule1764810000000';

  async up(db: QueryRunner): Promise<void> {
    for (const table of NOTIFYING) {
      await db.query(`CREATE TRIGGER ${table}_public_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION newsdesk_public_changed()`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of NOTIFYING) await db.query(`DROP TRIGGER ${table}_public_changed ON ${table}`);
  }
}
