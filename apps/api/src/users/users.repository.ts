import { Injectable } from '@nestjs/common';
import type { Role } from '@newsdesk/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { exec, one, rows, type Db } from '../common/db.js';
import { likeEscape } from '../common/sql.js';
import { User } from './user.entity.js';

/** A staff account as the admin lists it (never the password hash). */
export type UserRow = {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  active: boolean;
  has_password: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
};

/** The version of the account and the version at which each of its fields last changed (for the 409's changedFields). */
export type UserVersionRow = { version: number; field_versions: Record<string, number> };

const SELECT = `SELECT id, email, name, roles, active, password_hash IS NOT NULL AS has_password, version, created_at, updated_at FROM users`;

export interface UserFilter {
  limit: number;
  q: string | null;
  active: boolean | null;
  /** Keyset: after (createdAt ISO, id) in created_at DESC, id DESC order. */
  before: readonly [string, string] | null;
}

/**
 * Creates the user, or reactivates the existing one with that email, adding the roles and setting
 * the password hash (start-up admin, demo data, tests). Returns the user's id.
 */
export async function upsertUserRow(db: Db, input: { email: string; name: string; roles: Role[]; passwordHash: string }): Promise<string> {
  const row = await one<{ id: string }>(
    db,
    `INSERT INTO users (email, name, roles, password_hash) VALUES ($1, $2, $3, $4)
     ON CONFLICT (email) DO UPDATE
       SET password_hash = EXCLUDED.password_hash, active = true,
           roles = (SELECT array_agg(DISTINCT r) FROM unnest(users.roles || EXCLUDED.roles) r),
           version = users.version + 1,
           field_versions = users.field_versions || jsonb_build_object('roles', users.version + 1, 'active', users.version + 1),
           updated_at = now()
     RETURNING id`,
    [input.email.toLowerCase(), input.name, input.roles, input.passwordHash],
  );
  if (!row) throw new Error('INSERT INTO users returned no row');
  return row.id;
}

/** Every SQL statement of staff accounts and their one-time password links. */
@Injectable()
export class UsersRepository {
  constructor(private readonly db: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** The active user with this email, with the password hash, for login. */
  findForLogin(email: string): Promise<User | null> {
    return this.db
      .getRepository(User)
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('user.email = :email AND user.active', { email: email.toLowerCase() })
      .getOne();
  }

  list(filter: UserFilter, tx: Db = this.db): Promise<UserRow[]> {
    return rows<UserRow>(
      tx,
      `${SELECT}
        WHERE ($2::text IS NULL OR email ILIKE $2 OR name ILIKE $2)
          AND ($3::boolean IS NULL OR active = $3)
          AND ($4::timestamptz IS NULL OR (created_at, id) < ($4::timestamptz, $5::uuid))
        ORDER BY created_at DESC, id DESC LIMIT $1`,
      [filter.limit, filter.q ? `%${likeEscape(filter.q)}%` : null, filter.active, filter.before?.[0] ?? null, filter.before?.[1] ?? null],
    );
  }

  find(id: string, tx: Db = this.db): Promise<UserRow | undefined> {
    return one<UserRow>(tx, `${SELECT} WHERE id = $1`, [id]);
  }

  async emailTaken(tx: Db, email: string): Promise<boolean> {
    return Boolean(await one<{ one: number }>(tx, `SELECT 1 AS one FROM users WHERE email = $1`, [email]));
  }

  async insert(tx: Db, user: { email: string; name: string; roles: Role[]; passwordHash: string | null }): Promise<string> {
    const row = await one<{ id: string }>(
      tx,
      `INSERT INTO users (email, name, roles, password_hash) VALUES ($1, $2, $3, $4) RETURNING id`,
      [user.email, user.name, user.roles, user.passwordHash],
    );
    if (!row) throw new Error('INSERT INTO users returned no row');
    return row.id;
  }

  /** SELECT ... FOR UPDATE of the account's versions. */
  lock(tx: Db, id: string): Promise<UserVersionRow | undefined> {
    return one<UserVersionRow>(tx, `SELECT version, field_versions FROM users WHERE id = $1 FOR UPDATE`, [id]);
  }

  /** Name, roles, active (null: unchanged) at version `next`; `touched` fields record `next` as their last change. */
  async update(
    tx: Db,
    id: string,
    fields: { name: string | null; roles: Role[] | null; active: boolean | null },
    next: number,
    touched: readonly string[],
  ): Promise<void> {
    await exec(
      tx,
      `UPDATE users SET name = COALESCE($2, name), roles = COALESCE($3, roles), active = COALESCE($4, active),
              version = $5, field_versions = field_versions || $6::jsonb, updated_at = now() WHERE id = $1`,
      [id, fields.name, fields.roles, fields.active, next, JSON.stringify(Object.fromEntries(touched.map((field) => [field, next])))],
    );
  }

  async setPasswordHash(tx: Db, id: string, passwordHash: string): Promise<void> {
    await exec(tx, `UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1`, [id, passwordHash]);
  }

  upsert(input: { email: string; name: string; roles: Role[]; passwordHash: string }, tx: Db = this.db): Promise<string> {
    return upsertUserRow(tx, input);
  }

  /** Voids the user's unused links and stores a new one (by the token's hash). */
  async replacePasswordLink(tx: Db, userId: string, tokenHash: Buffer, expiresAt: Date): Promise<void> {
    await exec(tx, `UPDATE password_tokens SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`, [userId]);
    await exec(tx, `INSERT INTO password_tokens (user_id, token_hash, expires_at) VALUES ($1, $2, $3)`, [userId, tokenHash, expiresAt]);
  }

  /** Uses up an unused, unexpired link: its user's id, or undefined. */
  async consumePasswordLink(tx: Db, tokenHash: Buffer): Promise<string | undefined> {
    const row = await one<{ user_id: string }>(
      tx,
      `UPDATE password_tokens SET used_at = now()
        WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING user_id`,
      [tokenHash],
    );
    return row?.user_id;
  }

  /** Active staff (with a role) whose name, or a word of it, starts with `q`: id and name only (the @mention directory). */
  directory(q: string | undefined, limit: number, tx: Db = this.db): Promise<Array<{ id: string; name: string }>> {
    const prefix = q ? `${likeEscape(q.toLowerCase())}%` : null;
    return rows<{ id: string; name: string }>(
      tx,
      `SELECT id, name FROM users
        WHERE active AND roles <> '{}' AND ($1::text IS NULL OR lower(name) LIKE $1 OR lower(name) LIKE '% ' || $1)
        ORDER BY lower(name), id LIMIT $2`,
      [prefix, limit],
    );
  }

  /** The ids among `ids` that are active staff (with a role). */
  async activeStaff(ids: string[], tx: Db = this.db): Promise<string[]> {
    if (!ids.length) return [];
    return (await rows<{ id: string }>(tx, `SELECT id FROM users WHERE id = ANY($1::uuid[]) AND active AND roles <> '{}'`, [ids])).map(
      (row) => row.id,
    );
  }
}
