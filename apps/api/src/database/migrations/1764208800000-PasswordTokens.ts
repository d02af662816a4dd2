import type { MigrationInterface, QueryRunner } from 'typeorm';
import { refuseIfData } from '../migration-guard.js';

/** One-time set-password links (invitations and resets); only a hash of the token is stored. */
export class PasswordTokens1764208800000 implements MigrationInterface {
  name = 'PasswordTokens1764208800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE password_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        token_hash bytea NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await db.query(`CREATE INDEX password_tokens_user_idx ON password_tokens (user_id) WHERE used_at IS NULL`);
    await db.query(`CREATE INDEX users_created_idx ON users (created_at DESC, id DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await refuseIfData(db, this.name, ['password_tokens']);
    await db.query('DROP INDEX users_created_idx');
    await db.query('DROP TABLE password_tokens');
  }
}
