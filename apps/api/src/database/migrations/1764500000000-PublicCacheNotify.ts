import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables whose changes can change a public response, besides stories (which notify per live row). */
export const PUBLIC_CONTENT_TABLES = ['story_tags', 'story_corrections', 'story_slug_redirects', 'tags', 'tag_redirects'];

/**
 * Changes to public content NOTIFY 'newsdesk_public_cache' when they commit, so every API
 * process drops its cached public responses (public/public-cache.service.ts). Draft edits of
 * stories do not notify: only rows that are, or were, published or scheduled.
 */
export class PublicCacheNotify1764500000000 implements MigrationInterface {
  name = 'PublicCacheNotify1764500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION newsdesk_public_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('newsdesk_public_cache', TG_TABLE_NAME);
        RETURN NULL;
      END $$`);
    await db.query(`CREATE TRIGGER stories_public_insert AFTER INSERT ON stories FOR EACH ROW
      WHEN (NEW.status IN ('published','scheduled')) EXECUTE FUNCTION newsdesk_public_changed()`);
    await db.query(`CREATE TRIGGER stories_public_update AFTER UPDATE ON stories FOR EACH ROW
      WHEN (OLD.status IN ('published','scheduled') OR NEW.status IN ('published','scheduled')) EXECUTE FUNCTION newsdesk_public_changed()`);
    await db.query(`CREATE TRIGGER stories_public_delete AFTER DELETE ON stories FOR EACH ROW
      WHEN (OLD.status IN ('published','scheduled')) EXECUTE FUNCTION newsdesk_public_changed()`);
    for (const table of PUBLIC_CONTENT_TABLES) {
      await db.query(`CREATE TRIGGER ${table}_public_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION newsdesk_public_changed()`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of PUBLIC_CONTENT_TABLES) await db.query(`DROP TRIGGER ${table}_public_changed ON ${table}`);
    for (const name of ['insert', 'update', 'delete']) await db.query(`DROP TRIGGER stories_public_${name} ON stories`);
    await db.query('DROP FUNCTION newsdesk_public_changed()');
  }
}
