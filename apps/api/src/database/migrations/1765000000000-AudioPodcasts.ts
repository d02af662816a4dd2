import type { MigrationInterface, QueryRunner } from 'typeorm';
import { refuseIfData } from '../migration-guard.js';

/**
 * Audio as first-class records and programs as podcasts (issue #14).
 *
 * - audio_assets: an uploaded master (sha256-addressed in the media storage, metadata read from the
 *   file) or an external URL (declared type and duration), with NPR CDS-style rights and an
 *   availability window.
 * - audio_renditions: what can be played of an upload: `original` (the master) and encoded MP3s,
 *   with their job state (queued, encoding, ready, failed), progress and the reason of a failure.
 * - story_audio: a story's audio in order (position 0 is the primary "Listen" audio).
 * - stories.broadcast and podcast episode numbering; program_podcasts: a program's channel settings.
 * - The old stories.audio_url / audio_duration_seconds move into external assets (one per story,
 *   its primary audio; an external asset has no renditions: its URL is what plays); the columns are dropped. `down` moves them back (for external primaries)
 *   and refuses when uploaded audio would be lost.
 */
export class AudioPodcasts1765000000000 implements MigrationInterface {
  name = 'AudioPodcasts1765000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE audio_assets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('upload', 'external')),
        title text NOT NULL DEFAULT '',
        sha256 text CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        external_url text,
        content_type text NOT NULL CHECK (content_type IN ('audio/mpeg','audio/mp4','audio/aac','audio/wav','audio/flac','audio/ogg')),
        byte_size bigint CHECK (byte_size >= 0),
        duration_ms integer CHECK (duration_ms >= 0),
        bitrate integer CHECK (bitrate >= 0),
        sample_rate integer CHECK (sample_rate >= 0),
        channels smallint CHECK (channels >= 0),
        codec text,
        loudness_tags jsonb NOT NULL DEFAULT '{}',
        original_name text NOT NULL DEFAULT '',
        streamable boolean NOT NULL DEFAULT true,
        downloadable boolean NOT NULL DEFAULT true,
        embeddable boolean NOT NULL DEFAULT true,
        available_from timestamptz(3),
        available_until timestamptz(3),
        version integer NOT NULL DEFAULT 1,
        field_versions jsonb NOT NULL DEFAULT '{}',
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CHECK ((kind = 'upload') = (sha256 IS NOT NULL)),
        CHECK ((kind = 'external') = (external_url IS NOT NULL)),
        CHECK (available_from IS NULL OR available_until IS NULL OR available_from < available_until)
      )`);
    await db.query(`CREATE UNIQUE INDEX audio_assets_sha256_key ON audio_assets (sha256) WHERE sha256 IS NOT NULL`);
    await db.query(`CREATE INDEX audio_assets_created_idx ON audio_assets (created_at DESC, id DESC)`);

    await db.query(`
      CREATE TABLE audio_renditions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        asset_id uuid NOT NULL REFERENCES audio_assets (id) ON DELETE CASCADE,
        profile text NOT NULL CHECK (profile IN ('original', 'mp3-128', 'mp3-64-mono')),
        status text NOT NULL CHECK (status IN ('queued', 'encoding', 'ready', 'failed')),
        progress real NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 1),
        error text,
        attempts integer NOT NULL DEFAULT 0,
        sha256 text CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        content_type text,
        byte_size bigint CHECK (byte_size >= 0),
        bitrate integer,
        duration_ms integer,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (asset_id, profile)
      )`);

    await db.query(`
      CREATE TABLE story_audio (
        story_id uuid NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
        position smallint NOT NULL CHECK (position >= 0),
        asset_id uuid NOT NULL REFERENCES audio_assets (id) ON DELETE RESTRICT,
        title text NOT NULL DEFAULT '',
        PRIMARY KEY (story_id, position),
        UNIQUE (story_id, asset_id)
      )`);
    await db.query(`CREATE INDEX story_audio_asset_idx ON story_audio (asset_id)`);

    await db.query(`
      ALTER TABLE stories
        ADD COLUMN broadcast boolean NOT NULL DEFAULT false,
        ADD COLUMN episode_season integer CHECK (episode_season >= 1),
        ADD COLUMN episode_number integer CHECK (episode_number >= 1),
        ADD COLUMN episode_type text NOT NULL DEFAULT 'full' CHECK (episode_type IN ('full', 'trailer', 'bonus'))`);

    await db.query(`
      CREATE TABLE program_podcasts (
        program_id uuid PRIMARY KEY REFERENCES programs (id) ON DELETE CASCADE,
        enabled boolean NOT NULL DEFAULT false,
        title text NOT NULL DEFAULT '',
        description text NOT NULL DEFAULT '',
        artwork_media_id uuid REFERENCES media (id) ON DELETE SET NULL,
        category text,
        subcategory text,
        explicit boolean NOT NULL DEFAULT false,
        language text NOT NULL DEFAULT 'en-US',
        owner_name text NOT NULL DEFAULT '',
        owner_email text NOT NULL DEFAULT '',
        author text NOT NULL DEFAULT '',
        type text NOT NULL DEFAULT 'episodic' CHECK (type IN ('episodic', 'serial')),
        locked boolean NOT NULL DEFAULT false,
        version integer NOT NULL DEFAULT 1,
        field_versions jsonb NOT NULL DEFAULT '{}',
        updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);

    // The old audio fields become external assets: one per story, its primary audio.
    await db.query(`
      WITH old AS (
        SELECT id AS story_id, audio_url, audio_duration_seconds, created_by, gen_random_uuid() AS asset_id
          FROM stories WHERE audio_url IS NOT NULL
      ), assets AS (
        INSERT INTO audio_assets (id, kind, external_url, content_type, duration_ms, title, created_by, updated_by)
        SELECT asset_id, 'external', audio_url,
               CASE WHEN audio_url ~* '\\.(m4a|mp4)(\\?|$)' THEN 'audio/mp4'
                    WHEN audio_url ~* '\\.aac(\\?|$)' THEN 'audio/aac'
                    WHEN audio_url ~* '\\.(ogg|oga|opus)(\\?|$)' THEN 'audio/ogg'
                    WHEN audio_url ~* '\\.wav(\\?|$)' THEN 'audio/wav'
                    WHEN audio_url ~* '\\.flac(\\?|$)' THEN 'audio/flac'
                    ELSE 'audio/mpeg' END,
               audio_duration_seconds * 1000, '', created_by, created_by
          FROM old
        RETURNING id
      )
      INSERT INTO story_audio (story_id, position, asset_id, title)
      SELECT story_id, 0, asset_id, '' FROM old`);
    await db.query(`ALTER TABLE stories DROP COLUMN audio_url, DROP COLUMN audio_duration_seconds`);

    // The public cache hears about every change that can alter a public output.
    for (const table of ['audio_assets', 'story_audio', 'program_podcasts']) {
      await db.query(`CREATE TRIGGER ${table}_public_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION newsdesk_public_changed()`);
    }
    // Renditions only when one becomes (or stops being) ready: progress updates change no public output.
    await db.query(`CREATE TRIGGER audio_renditions_public_changed AFTER UPDATE ON audio_renditions FOR EACH ROW
      WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION newsdesk_public_changed()`);
    await db.query(`CREATE TRIGGER audio_renditions_public_deleted AFTER INSERT OR DELETE ON audio_renditions
      FOR EACH STATEMENT EXECUTE FUNCTION newsdesk_public_changed()`);
  }

  async down(db: QueryRunner): Promise<void> {
    const uploads = (await db.query(`SELECT count(*)::int AS n FROM audio_assets WHERE kind = 'upload'`)) as Array<{ n: number }>;
    if ((uploads[0]?.n ?? 0) > 0) await refuseIfData(db, this.name, ['audio_assets']);
    await refuseIfData(db, this.name, ['program_podcasts']);
    await db.query(
      `ALTER TABLE stories ADD COLUMN audio_url text, ADD COLUMN audio_duration_seconds integer CHECK (audio_duration_seconds >= 0)`,
    );
    await db.query(`
      UPDATE stories s SET audio_url = a.external_url, audio_duration_seconds = round(a.duration_ms / 1000.0)::int
        FROM story_audio sa JOIN audio_assets a ON a.id = sa.asset_id
       WHERE sa.story_id = s.id AND sa.position = 0 AND a.kind = 'external'`);
    await db.query(`DROP TABLE program_podcasts`);
    await db.query(
      `ALTER TABLE stories DROP COLUMN broadcast, DROP COLUMN episode_season, DROP COLUMN episode_number, DROP COLUMN episode_type`,
    );
    await db.query(`DROP TABLE story_audio`);
    await db.query(`DROP TABLE audio_renditions`);
    await db.query(`DROP TABLE audio_assets`);
  }
}
