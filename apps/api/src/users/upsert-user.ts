import type { Role } from '@newsdesk/contracts';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../auth/password.js';

/**
 * Creates the user, or reactivates the existing one with that email, adding the roles and setting
 * the password. For start-up (ADMIN_EMAIL), demo data and tests; staff management goes through UsersService.
 */
export async function upsertUser(db: DataSource, input: { email: string; name: string; roles: Role[]; password: string }): Promise<string> {
  const [row]: Array<{ id: string }> = await db.query(
    `INSERT INTO users (email, name, roles, password_hash) VALUES ($1, $2, $3, $4)
     ON CONFLICT (email) DO UPDATE
       SET password_hash = EXCLUDED.password_hash, active = true,
           roles = (SELECT array_agg(DISTINCT r) FROM unnest(users.roles || EXCLUDED.roles) r),
           version = users.version + 1,
           field_versions = users.field_versions || jsonb_build_object('roles', users.version + 1, 'active', users.version + 1),
           updated_at = now()
     RETURNING id`,
    [input.email.toLowerCase(), input.name, input.roles, await hashPassword(input.password)],
  );
  return row!.id;
}
