import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in throttling by reservation (issues #12 and #22) and versioned staff accounts.
 *
 * - login_attempts: every sign-in attempt reserves a row BEFORE the password is verified (under a
 *   transaction-level advisory lock per client address, see LoginThrottleRepository); a success
 *   deletes its reservation, a failure marks it failed. Rows are transient (15-minute windows,
 *   pruned after an hour), so the old login_failures table is replaced, not migrated.
 * - login_throttles: one row per throttled key (an address, an account at an address, or an
 *   account under attack from many addresses), for the admins' view; cleared by an admin.
 * - users.version (+ field_versions: the version at which each field last changed, for the 409's
 *   changedFields).
 */
export class LoginThrottleUserVersion1764900100000 implements MigrationInterface {
  name = 'LoginThrottleUserVersion1764900100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE login_failures`);
    await db.query(`
      CREATE TABLE login_attempts (
        id bigserial PRIMARY KEY,
        email text NOT NULL,
        ip text NOT NULL,
        attempted_at timestamptz NOT NULL DEFAULT now(),
        failed boolean NOT NULL DEFAULT false
      )`);
    await db.query(`CREATE INDEX login_attempts_ip_idx ON login_attempts (ip, attempted_at)`);
    await db.query(`CREATE INDEX login_attempts_email_idx ON login_attempts (email, attempted_at)`);
    await db.query(`
      CREATE TABLE login_throttles (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        scope text NOT NULL CHECK (scope IN ('address', 'account_address', 'account')),
        ip text NOT NULL DEFAULT '',
        email text NOT NULL DEFAULT '',
        hits integer NOT NULL DEFAULT 1,
        first_at timestamptz NOT NULL DEFAULT now(),
        last_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (scope, ip, email)
      )`);
    await db.query(`CREATE INDEX login_throttles_last_idx ON login_throttles (last_at DESC)`);
    await db.query(`ALTER TABLE users ADD COLUMN version integer NOT NULL DEFAULT 1`);
    await db.query(`ALTER TABLE users ADD COLUMN field_versions jsonb NOT NULL DEFAULT '{}'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users DROP COLUMN field_versions`);
    await db.query(`ALTER TABLE users DROP COLUMN version`);
    // Both tables hold only transient throttling state (minutes), nothing worth keeping.
    await db.query(`DROP TABLE login_throttles`);
    await db.query(`DROP TABLE login_attempts`);
    await db.query(`
      CREATE TABLE login_failures (
        id bigserial PRIMARY KEY,
        email text NOT NULL,
        ip text NOT NULL,
        failed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX login_failures_email_idx ON login_failures (email, failed_at)`);
    await db.query(`CREATE INDEX login_failures_ip_idx ON login_failures (ip, failed_at)`);
  }
}
