import type { Role } from '@newsdesk/contracts';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../auth/password.js';
import { upsertUserRow } from './users.repository.js';

/**
 * Creates the user, or reactivates the existing one with that email, adding the roles and setting
 * the password. For start-up (ADMIN_EMAIL), demo data and tests; staff management goes through UsersService.
 */
export async function upsertUser(db: DataSource, input: { email: string; name: string; roles: Role[]; password: string }): Promise<string> {
  return upsertUserRow(db, { email: input.email, name: input.name, roles: input.roles, passwordHash: await hashPassword(input.password) });
}
