import type { MigrationInterface, QueryRunner } from 'typeorm';
import { refuseIfData } from '../migration-guard.js';

/**
 * The editor's desk: structured bodies, full-text search, tags, revisions, corrections, old slugs,
 * and the outbox's delivery ledger.
 */
export class StoryDesk1764216000000 implements MigrationInterface {
  name = 'StoryDesk1764216000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE stories
        ADD COLUMN body jsonb NOT NULL DEFAULT '{"type":"doc","content":[]}',
        ADD COLUMN body_text text NOT NULL DEFAULT '',
        ADD COLUMN transcript_text text NOT NULL DEFAULT '',
        ADD COLUMN program_id uuid,
        ADD COLUMN audio_url text,
        ADD COLUMN audio_duration_seconds integer CHECK (audio_duration_seconds >= 0),
        ADD COLUMN submitted_at timestamptz(3),
        ADD COLUMN search tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('english', headline), 'A') ||
          setweight(to_tsvector('english', teaser), 'B') ||
          setweight(to_tsvector('english', body_text), 'C') ||
          setweight(to_tsvector('english', transcript_text), 'D')) STORED`);
    await db.query(`CREATE INDEX stories_search_idx ON stories USING gin (search)`);
    await db.query(`CREATE INDEX stories_status_idx ON stories (status, updated_at DESC, id DESC)`);
    await db.query(`CREATE INDEX stories_created_by_idx ON stories (created_by, updated_at DESC)`);

    await db.query(`
      CREATE TABLE tags (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE,
        name text NOT NULL,
        type text NOT NULL CHECK (type IN ('topic','person','place','organization','program')),
        aliases text[] NOT NULL DEFAULT '{}',
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX tags_name_idx ON tags (lower(name) text_pattern_ops)`);
    await db.query(`CREATE TABLE tag_redirects (slug text PRIMARY KEY, tag_id uuid NOT NULL REFERENCES tags (id) ON DELETE CASCADE)`);
    await db.query(`
      CREATE TABLE story_tags (
        story_id uuid NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
        tag_id uuid NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
        position integer NOT NULL,
        PRIMARY KEY (story_id, tag_id)
      )`);
    await db.query(`CREATE INDEX story_tags_tag_idx ON story_tags (tag_id, story_id)`);

    await db.query(
      `CREATE TABLE story_slug_redirects (slug text PRIMARY KEY, story_id uuid NOT NULL REFERENCES stories (id) ON DELETE CASCADE)`,
    );

    await db.query(`
      CREATE TABLE story_revisions (
        story_id uuid NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
        n integer NOT NULL,
        story_version integer NOT NULL,
        snapshot jsonb NOT NULL,
        reason text NOT NULL,
        changed_fields text[] NOT NULL DEFAULT '{}',
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (story_id, n)
      )`);

    await db.query(`
      CREATE TABLE story_corrections (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        story_id uuid NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
        text text NOT NULL,
        corrected_at timestamptz(3) NOT NULL DEFAULT now(),
        created_by uuid REFERENCES users (id) ON DELETE SET NULL
      )`);
    await db.query(`CREATE INDEX story_corrections_story_idx ON story_corrections (story_id, corrected_at)`);

    // Which outbox events each handler has handled: the unique key makes a redelivered job a no-op.
    await db.query(`
      CREATE TABLE outbox_deliveries (
        event_id text NOT NULL,
        handler text NOT NULL,
        event text NOT NULL,
        story_id uuid,
        handled_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        handled_by text NOT NULL,
        PRIMARY KEY (event_id, handler)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    // stories: this down drops its content columns (body, program, audio, ...).
    await refuseIfData(db, this.name, [
      'outbox_deliveries',
      'story_corrections',
      'story_revisions',
      'story_slug_redirects',
      'story_tags',
      'tag_redirects',
      'tags',
      'stories',
    ]);
    for (const table of [
      'outbox_deliveries',
      'story_corrections',
      'story_revisions',
      'story_slug_redirects',
      'story_tags',
      'tag_redirects',
      'tags',
    ]) {
      await db.query(`DROP TABLE ${table}`);
    }
    await db.query(`ALTER TABLE stories DROP COLUMN search, DROP COLUMN body, DROP COLUMN body_text, DROP COLUMN transcript_text,
      DROP COLUMN program_id, DROP COLUMN audio_url, DROP COLUMN audio_duration_seconds, DROP COLUMN submitted_at`);
  }
}
