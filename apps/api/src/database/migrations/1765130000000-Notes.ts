import type { MigrationInterface, QueryRunner } from 'typeorm';
import { refuseIfData } from '../migration-guard.js';

/**
 * Editorial notes on stories, with @mentions (issue 15 item 5). Owned by the notes feature
 * (apps/api/src/notes/). Deliberately no public-cache NOTIFY trigger: no public output reads these
 * tables, and a note never changes the story's row, version or revisions.
 */
export class Notes1765130000000 implements MigrationInterface {
  name = 'Notes1765130000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE story_notes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        story_id uuid NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
        author_id uuid NOT NULL REFERENCES users (id),
        body text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 4000),
        anchor jsonb CHECK (anchor IS NULL OR (anchor->>'kind' IN ('paragraph','turn') AND jsonb_typeof(anchor->'index') = 'number')),
        resolved_at timestamptz(3),
        resolved_by uuid REFERENCES users (id),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CHECK ((resolved_at IS NULL) = (resolved_by IS NULL))
      )`);
    await db.query(`CREATE INDEX story_notes_story_idx ON story_notes (story_id, created_at, id)`);
    await db.query(`
      CREATE TABLE story_note_mentions (
        note_id uuid NOT NULL REFERENCES story_notes (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id),
        read_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (note_id, user_id)
      )`);
    // The mentions list: one user's mentions, newest first.
    await db.query(`CREATE INDEX story_note_mentions_user_idx ON story_note_mentions (user_id, created_at DESC, note_id DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await refuseIfData(db, this.name, ['story_notes']);
    await db.query(`DROP TABLE story_note_mentions`);
    await db.query(`DROP TABLE story_notes`);
  }
}
