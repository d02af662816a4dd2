import type { MigrationInterface, QueryRunner } from 'typeorm';
import { refuseIfData } from '../migration-guard.js';

/**
 * Media (content-addressed images), people (the registry of everyone the content names) with
 * their search keys, correspondents (a person's staff profile), slug redirects, and story
 * bylines (written by the stories feature; read here for profiles and refused deletes).
 */
export class PeopleCorrespondentsMedia1764400000000 implements MigrationInterface {
  name = 'PeopleCorrespondentsMedia1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE media (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        content_type text NOT NULL CHECK (content_type IN ('image/jpeg','image/png','image/webp')),
        byte_size integer NOT NULL CHECK (byte_size > 0),
        width integer NOT NULL CHECK (width > 0),
        height integer NOT NULL CHECK (height > 0),
        original_name text NOT NULL DEFAULT '',
        alt text NOT NULL DEFAULT '',
        credit text NOT NULL DEFAULT '',
        version integer NOT NULL DEFAULT 1,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX media_sha256_key ON media (sha256)`);

    await db.query(`
      CREATE TABLE people (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL,
        display_name text NOT NULL,
        given_name text NOT NULL DEFAULT '',
        family_name text NOT NULL,
        label_title text,
        affiliation text NOT NULL DEFAULT '',
        aliases text[] NOT NULL DEFAULT '{}',
        -- folded "family given" (see normalizeName in the contracts): the list order
        sort_name text COLLATE "C" NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX people_slug_key ON people (slug)`);
    await db.query(`CREATE INDEX people_sort_idx ON people (sort_name, id)`);

    // Folded names (full names, every word-suffix of them, aliases) for prefix search and exact
    // lookups. tier: 1 full name, 2 family name and other words, 3 aliases. COLLATE "C" lets one
    // btree serve both LIKE 'prefix%' and ORDER BY name_key.
    await db.query(`
      CREATE TABLE person_search_keys (
        person_id uuid NOT NULL REFERENCES people (id) ON DELETE CASCADE,
        name_key text COLLATE "C" NOT NULL,
        tier smallint NOT NULL CHECK (tier BETWEEN 1 AND 3),
        PRIMARY KEY (person_id, name_key)
      )`);
    await db.query(`CREATE INDEX person_search_keys_prefix_idx ON person_search_keys (tier, name_key)`);
    await db.query(`CREATE INDEX person_search_keys_exact_idx ON person_search_keys (name_key)`);

    await db.query(`
      CREATE TABLE person_slug_redirects (
        old_slug text PRIMARY KEY,
        person_id uuid NOT NULL REFERENCES people (id) ON DELETE CASCADE,
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX person_slug_redirects_person_idx ON person_slug_redirects (person_id)`);

    await db.query(`
      CREATE TABLE correspondents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL REFERENCES people (id),
        slug text NOT NULL,
        title text NOT NULL DEFAULT '',
        bureau text NOT NULL DEFAULT '',
        bio_html text NOT NULL DEFAULT '',
        photo_id uuid REFERENCES media (id),
        beats text[] NOT NULL DEFAULT '{}',
        email text CHECK (email = lower(email)),
        social_links jsonb NOT NULL DEFAULT '[]',
        active boolean NOT NULL DEFAULT true,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','published')),
        published_at timestamptz(3),
        version integer NOT NULL DEFAULT 1,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CHECK (status <> 'published' OR published_at IS NOT NULL)
      )`);
    await db.query(`CREATE UNIQUE INDEX correspondents_person_key ON correspondents (person_id)`);
    await db.query(`CREATE UNIQUE INDEX correspondents_slug_key ON correspondents (slug)`);
    await db.query(`CREATE INDEX correspondents_photo_idx ON correspondents (photo_id) WHERE photo_id IS NOT NULL`);

    await db.query(`
      CREATE TABLE correspondent_slug_redirects (
        old_slug text PRIMARY KEY,
        correspondent_id uuid NOT NULL REFERENCES correspondents (id) ON DELETE CASCADE,
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX correspondent_slug_redirects_target_idx ON correspondent_slug_redirects (correspondent_id)`);

    // No ON DELETE on the correspondent: a correspondent with bylines cannot be deleted (deactivate instead).
    await db.query(`
      CREATE TABLE story_bylines (
        story_id uuid NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
        correspondent_id uuid NOT NULL REFERENCES correspondents (id),
        position integer NOT NULL DEFAULT 0,
        PRIMARY KEY (story_id, correspondent_id)
      )`);
    await db.query(`CREATE INDEX story_bylines_correspondent_idx ON story_bylines (correspondent_id, story_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    // person_search_keys is derived from people's names: not guarded.
    await refuseIfData(db, this.name, [
      'story_bylines',
      'correspondent_slug_redirects',
      'correspondents',
      'person_slug_redirects',
      'people',
      'media',
    ]);
    await db.query('DROP TABLE story_bylines');
    await db.query('DROP TABLE correspondent_slug_redirects');
    await db.query('DROP TABLE correspondents');
    await db.query('DROP TABLE person_slug_redirects');
    await db.query('DROP TABLE person_search_keys');
    await db.query('DROP TABLE people');
    await db.query('DROP TABLE media');
  }
}
