import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Share links (issue 15 item 2, docs/share-links.md).
 *
 * - story_share_links: one row per link, tied to a story (gone with it) and optionally pinned to a
 *   revision (NULL: the latest draft). Only the SHA-256 of the token's secret is kept (`token_hash`);
 *   the token itself is shown once. Not a public content table: no NOTIFY trigger (a link's use
 *   changes nothing readers see).
 * - share_link_throttle: failed token lookups per client address in a fixed 10-minute window (one
 *   row per address, counted by one atomic upsert), for the 429 on brute force.
 */
export class ShareLinks1765110000000 implements MigrationInterface {
  name = 'ShareLinks1765110000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE story_share_links (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        story_id uuid NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
        token_hash bytea NOT NULL CHECK (octet_length(token_hash) = 32),
        revision integer CHECK (revision IS NULL OR revision >= 1),
        label text NOT NULL DEFAULT '',
        created_by uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_by uuid REFERENCES users (id) ON DELETE SET NULL,
        last_used_at timestamptz,
        use_count integer NOT NULL DEFAULT 0,
        CHECK (expires_at > created_at)
      )`);
    await db.query(`CREATE INDEX story_share_links_story_idx ON story_share_links (story_id, created_at DESC)`);
    await db.query(`
      CREATE TABLE share_link_throttle (
        ip text PRIMARY KEY,
        window_start timestamptz NOT NULL DEFAULT now(),
        hits integer NOT NULL DEFAULT 0
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE share_link_throttle`);
    await db.query(`DROP TABLE story_share_links`);
  }
}
