import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Presence and soft locks (issue 15, docs/presence.md): one row per open editor tab of a story,
 * one lock per story. Every change that others must see NOTIFYs 'newsdesk_presence' with the
 * story id when it commits (every API process LISTENs and pushes the story's snapshot to its
 * streams); refreshing `seen_at` alone (the 15 s heartbeat of the process holding a tab's stream)
 * does not. Rows whose `seen_at` is older than 45 s belong to a tab whose process died: reads
 * ignore them and every process's heartbeat deletes them.
 */
export class Presence1765120000000 implements MigrationInterface {
  name = 'Presence1765120000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE story_presence (
        story_id uuid NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        tab_id uuid NOT NULL,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        section text CHECK (char_length(section) BETWEEN 1 AND 40),
        typing_until timestamptz,
        connected_at timestamptz NOT NULL DEFAULT now(),
        seen_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (story_id, tab_id)
      )`);
    await db.query(`CREATE INDEX story_presence_seen_idx ON story_presence (seen_at)`);
    await db.query(`
      CREATE TABLE story_locks (
        story_id uuid PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        tab_id uuid NOT NULL,
        since timestamptz NOT NULL DEFAULT now(),
        seen_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE FUNCTION newsdesk_presence_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('newsdesk_presence', (CASE WHEN TG_OP = 'DELETE' THEN OLD.story_id ELSE NEW.story_id END)::text);
        RETURN NULL;
      END $$`);
    await db.query(`CREATE TRIGGER story_presence_changed AFTER INSERT OR DELETE ON story_presence
      FOR EACH ROW EXECUTE FUNCTION newsdesk_presence_changed()`);
    await db.query(`CREATE TRIGGER story_presence_updated AFTER UPDATE ON story_presence FOR EACH ROW
      WHEN (OLD.section IS DISTINCT FROM NEW.section OR (OLD.typing_until IS NULL) <> (NEW.typing_until IS NULL)
            OR OLD.user_id <> NEW.user_id)
      EXECUTE FUNCTION newsdesk_presence_changed()`);
    await db.query(`CREATE TRIGGER story_locks_changed AFTER INSERT OR DELETE ON story_locks
      FOR EACH ROW EXECUTE FUNCTION newsdesk_presence_changed()`);
    await db.query(`CREATE TRIGGER story_locks_updated AFTER UPDATE ON story_locks FOR EACH ROW
      WHEN (OLD.tab_id <> NEW.tab_id OR OLD.user_id <> NEW.user_id OR OLD.since <> NEW.since)
      EXECUTE FUNCTION newsdesk_presence_changed()`);
  }

  /** Presence and locks are ephemeral (a tab's rows live as long as its stream): dropping them loses nothing. */
  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE story_locks');
    await db.query('DROP TABLE story_presence');
    await db.query('DROP FUNCTION newsdesk_presence_changed()');
  }
}
