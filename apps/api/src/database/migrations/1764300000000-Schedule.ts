import type { MigrationInterface, QueryRunner } from 'typeorm';
import { refuseIfData } from '../migration-guard.js';

/**
 * On-air scheduling: stations, programs, recurring slots, segments and rundowns.
 *
 * No two segments of a station overlap: an exclusion constraint over [starts_at, ends_at) per
 * station (btree_gist gives uuid equality inside a GiST index), so concurrent writers cannot both
 * win. `ends_at` is a stored generated column; adding whole seconds to a timestamptz does not
 * depend on the session's time zone, so `segment_end` is honestly IMMUTABLE (PostgreSQL marks the
 * general timestamptz + interval operator STABLE, because months and days do depend on it).
 * Instants are stored to the second; station-local times exist only at the edges (API and admin).
 */
export class Schedule1764300000000 implements MigrationInterface {
  name = 'Schedule1764300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);

    await db.query(`
      CREATE TABLE stations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        call_sign text NOT NULL CHECK (call_sign = upper(call_sign) AND length(call_sign) BETWEEN 3 AND 12),
        name text NOT NULL,
        band text NOT NULL CHECK (band IN ('FM','AM','HD','DAB','web')),
        frequency text NOT NULL DEFAULT '',
        city text NOT NULL DEFAULT '',
        timezone text NOT NULL,
        stream_url text,
        active boolean NOT NULL DEFAULT true,
        version integer NOT NULL DEFAULT 1,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX stations_call_sign_key ON stations (call_sign)`);

    await db.query(`
      CREATE TABLE programs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        slug text NOT NULL,
        hosts text[] NOT NULL DEFAULT '{}',
        default_duration_seconds integer NOT NULL DEFAULT 3600 CHECK (default_duration_seconds BETWEEN 1 AND 86400),
        description text NOT NULL DEFAULT '',
        version integer NOT NULL DEFAULT 1,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX programs_slug_key ON programs (slug)`);

    await db.query(`
      CREATE TABLE recurrences (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        program_id uuid NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
        station_id uuid NOT NULL REFERENCES stations (id) ON DELETE CASCADE,
        rrule text NOT NULL,
        starts_on date NOT NULL,
        start_time time(0) NOT NULL,
        duration_seconds integer NOT NULL CHECK (duration_seconds BETWEEN 1 AND 86400),
        title text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('program','story','newscast','underwriting','music','other')),
        active boolean NOT NULL DEFAULT true,
        version integer NOT NULL DEFAULT 1,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX recurrences_station_idx ON recurrences (station_id)`);
    await db.query(`CREATE INDEX recurrences_program_idx ON recurrences (program_id)`);

    await db.query(`
      CREATE FUNCTION segment_end(starts_at timestamptz, duration_seconds integer) RETURNS timestamptz
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        RETURN starts_at + make_interval(secs => duration_seconds)`);

    await db.query(`
      CREATE TABLE segments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        station_id uuid NOT NULL REFERENCES stations (id) ON DELETE CASCADE,
        starts_at timestamptz(0) NOT NULL,
        duration_seconds integer NOT NULL CHECK (duration_seconds BETWEEN 1 AND 86400),
        ends_at timestamptz(0) NOT NULL GENERATED ALWAYS AS (segment_end(starts_at, duration_seconds)) STORED,
        title text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('program','story','newscast','underwriting','music','other')),
        status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned','confirmed','aired')),
        program_id uuid REFERENCES programs (id) ON DELETE SET NULL,
        story_id uuid REFERENCES stories (id) ON DELETE SET NULL,
        notes text NOT NULL DEFAULT '',
        -- The recurring slot this segment materializes, by the rule's wall-clock start: materializing
        -- again finds it (idempotent) even after a producer moved or retitled the segment.
        recurrence_id uuid REFERENCES recurrences (id) ON DELETE SET NULL,
        occurrence_local timestamp(0),
        version integer NOT NULL DEFAULT 1,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT segments_no_overlap EXCLUDE USING gist (station_id WITH =, tstzrange(starts_at, ends_at) WITH &&)
      )`);
    // Now / Next Up and day views: one index range scan per station.
    await db.query(`CREATE INDEX segments_station_start_idx ON segments (station_id, starts_at)`);
    await db.query(
      `CREATE UNIQUE INDEX segments_occurrence_key ON segments (recurrence_id, occurrence_local) WHERE recurrence_id IS NOT NULL`,
    );
    await db.query(`CREATE INDEX segments_story_idx ON segments (story_id) WHERE story_id IS NOT NULL`);
    await db.query(`CREATE INDEX segments_program_idx ON segments (program_id) WHERE program_id IS NOT NULL`);

    await db.query(`
      CREATE TABLE rundowns (
        segment_id uuid PRIMARY KEY REFERENCES segments (id) ON DELETE CASCADE,
        version integer NOT NULL DEFAULT 1,
        updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE rundown_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        segment_id uuid NOT NULL REFERENCES rundowns (segment_id) ON DELETE CASCADE,
        position integer NOT NULL,
        title text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('story','interview','newscast','underwriting','music','break','other')),
        duration_seconds integer NOT NULL CHECK (duration_seconds BETWEEN 0 AND 86400),
        story_id uuid REFERENCES stories (id) ON DELETE SET NULL,
        notes text NOT NULL DEFAULT '',
        UNIQUE (segment_id, position)
      )`);
    await db.query(`CREATE INDEX rundown_items_story_idx ON rundown_items (story_id) WHERE story_id IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await refuseIfData(db, this.name, ['rundown_items', 'rundowns', 'segments', 'recurrences', 'programs', 'stations']);
    await db.query('DROP TABLE rundown_items');
    await db.query('DROP TABLE rundowns');
    await db.query('DROP TABLE segments');
    await db.query('DROP FUNCTION segment_end(timestamptz, integer)');
    await db.query('DROP TABLE recurrences');
    await db.query('DROP TABLE programs');
    await db.query('DROP TABLE stations');
  }
}
