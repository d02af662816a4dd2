import type { MigrationInterface, QueryRunner } from 'typeorm';
import { refuseIfData } from '../migration-guard.js';

/**
 * Users and sessions, stories with optimistic versions, and the public read path's indexes.
 * Story instants are stored to the millisecond so keyset cursors round-trip exactly through JS Dates.
 */
export class Foundation1764201600000 implements MigrationInterface {
  name = 'Foundation1764201600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (email = lower(email)),
        name text NOT NULL,
        password_hash text,
        roles text[] NOT NULL DEFAULT '{}' CHECK (roles <@ ARRAY['admin','editor','producer']),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX users_email_key ON users (email)`);

    await db.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        token_hash bytea NOT NULL,
        user_agent text,
        ip text,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`);
    await db.query(`CREATE UNIQUE INDEX sessions_token_hash_key ON sessions (token_hash)`);
    await db.query(`CREATE INDEX sessions_user_idx ON sessions (user_id) WHERE revoked_at IS NULL`);

    await db.query(`
      CREATE TABLE login_failures (
        id bigserial PRIMARY KEY,
        email text NOT NULL,
        ip text NOT NULL,
        failed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX login_failures_email_idx ON login_failures (email, failed_at)`);
    await db.query(`CREATE INDEX login_failures_ip_idx ON login_failures (ip, failed_at)`);

    await db.query(`
      CREATE TABLE stories (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL,
        headline text NOT NULL,
        teaser text NOT NULL DEFAULT '',
        dateline text NOT NULL DEFAULT '',
        body_html text NOT NULL DEFAULT '',
        credit text NOT NULL DEFAULT '',
        status text NOT NULL DEFAULT 'draft'
          CHECK (status IN ('draft','in_review','scheduled','published','unpublished')),
        published_at timestamptz(3),
        version integer NOT NULL DEFAULT 1,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CHECK (status NOT IN ('scheduled','published') OR published_at IS NOT NULL)
      )`);
    await db.query(`CREATE UNIQUE INDEX stories_slug_key ON stories (slug)`);
    await db.query(`CREATE INDEX stories_updated_idx ON stories (updated_at DESC, id DESC)`);
    // The public read path: only live rows are indexed, in the order the public lists read them.
    await db.query(`
      CREATE INDEX stories_public_idx ON stories (published_at DESC, id DESC)
      WHERE status IN ('published','scheduled')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await refuseIfData(db, this.name, ['stories', 'login_failures', 'sessions', 'users']);
    await db.query('DROP TABLE stories');
    await db.query('DROP TABLE login_failures');
    await db.query('DROP TABLE sessions');
    await db.query('DROP TABLE users');
  }
}
