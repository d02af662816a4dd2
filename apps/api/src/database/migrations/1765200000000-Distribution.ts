import type { MigrationInterface, QueryRunner } from 'typeorm';
import { refuseIfData } from '../migration-guard.js';

/**
 * Distribution (issue 18 items 1-4), owned by apps/api/src/distribution/: a story's
 * recommendUntil (CDS `recommendUntilDateTime`), the station's CDS settings (one row), the
 * destinations stories are delivered to, one delivery per change and destination (enqueued in the
 * story write's transaction), and per destination and story what it last received (the newest
 * version, and whether the destination holds the document), which orders deliveries by version.
 */
export class Distribution1765200000000 implements MigrationInterface {
  name = 'Distribution1765200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE stories ADD COLUMN recommend_until timestamptz(3)`);
    await db.query(`
      CREATE TABLE distribution_settings (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        cds_prefix text CHECK (cds_prefix ~ '^[a-z][a-z0-9]{0,31}$'),
        cds_service_id text CHECK (cds_service_id ~ '^[A-Za-z0-9_-]{1,64}$'),
        version integer NOT NULL DEFAULT 1,
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await db.query(`INSERT INTO distribution_settings (id) VALUES (true)`);
    await db.query(`
      CREATE TABLE distribution_destinations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
        kind text NOT NULL CHECK (kind IN ('cds', 'webhook', 'cdn_purge', 'websub')),
        url text NOT NULL CHECK (url ~ '^https?://'),
        token text,
        enabled boolean NOT NULL DEFAULT true,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX distribution_destinations_name_key ON distribution_destinations (lower(name))`);
    // No foreign key to stories: a deleted story's deliveries (its DELETE) outlive it.
    await db.query(`
      CREATE TABLE distribution_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial NOT NULL,
        destination_id uuid NOT NULL REFERENCES distribution_destinations (id) ON DELETE CASCADE,
        story_id uuid NOT NULL,
        story_slug text NOT NULL,
        story_version integer NOT NULL,
        event text NOT NULL CHECK (event IN ('story.published', 'story.updated', 'story.unpublished', 'story.deleted')),
        published_at timestamptz(3),
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed', 'superseded', 'skipped')),
        due_at timestamptz(3) NOT NULL DEFAULT now(),
        attempts integer NOT NULL DEFAULT 0,
        request text,
        response_status integer,
        response_excerpt text,
        reason text,
        last_attempt_at timestamptz(3),
        sent_at timestamptz(3),
        handled_by text,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE INDEX distribution_deliveries_story_idx ON distribution_deliveries (story_id, destination_id, story_version DESC)`,
    );
    await db.query(`CREATE INDEX distribution_deliveries_due_idx ON distribution_deliveries (due_at, seq) WHERE state = 'pending'`);
    await db.query(`CREATE INDEX distribution_deliveries_failed_idx ON distribution_deliveries (updated_at DESC) WHERE state = 'failed'`);
    await db.query(`
      CREATE TABLE distribution_targets (
        destination_id uuid NOT NULL REFERENCES distribution_destinations (id) ON DELETE CASCADE,
        story_id uuid NOT NULL,
        delivered_version integer NOT NULL,
        delivered_seq bigint,
        present boolean NOT NULL,
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (destination_id, story_id)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await refuseIfData(db, this.name, ['distribution_destinations', 'distribution_deliveries', 'distribution_targets']);
    const [held] = (await db.query(`SELECT count(*) AS n FROM stories WHERE recommend_until IS NOT NULL`)) as Array<{ n: string }>;
    if (Number(held?.n ?? 0) > 0)
      throw new Error(`Refusing to revert migration ${this.name}: stories.recommend_until holds ${held?.n} value(s); clear them first.`);
    await db.query(`DROP TABLE distribution_targets`);
    await db.query(`DROP TABLE distribution_deliveries`);
    await db.query(`DROP TABLE distribution_destinations`);
    await db.query(`DROP TABLE distribution_settings`);
    await db.query(`ALTER TABLE stories DROP COLUMN recommend_until`);
  }
}
