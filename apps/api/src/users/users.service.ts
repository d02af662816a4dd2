import { Injectable } from '@nestjs/common';
import type {
  CreateUserInput, CreateUserResponse, ListUsersQuery, PasswordLink, Role, StaffUser, StaffUserPage, UpdateUserInput, User as UserDto,
} from '@newsdesk/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { compactDiff } from '../audit/audit.diff.js';
import { AuditService } from '../audit/audit.service.js';
import { hashPassword } from '../auth/password.js';
import type { Principal } from '../auth/principal.js';
import { SessionsService } from '../auth/sessions.service.js';
import { decodeCursor, encodeCursor } from '../common/cursor.js';
import { NotFoundError, StaleVersionError, ValidationError } from '../common/errors.js';
import { likeEscape } from '../common/sql.js';
import { PasswordLinksService } from './password-links.service.js';
import { User } from './user.entity.js';

export const toUserDto = (user: Pick<User, 'id' | 'email' | 'name' | 'roles'>): UserDto => ({
  id: user.id, email: user.email, name: user.name, roles: user.roles,
});

interface UserRow { id: string; email: string; name: string; roles: Role[]; active: boolean; has_password: boolean; version: number; created_at: Date; updated_at: Date }
const SELECT = `SELECT id, email, name, roles, active, password_hash IS NOT NULL AS has_password, version, created_at, updated_at FROM users`;
/** The fields PATCH changes; field_versions records the version at which each last changed (for the 409's changedFields). */
const VERSIONED_FIELDS = ['name', 'roles', 'active'] as const;
const toStaffUser = (row: UserRow): StaffUser => ({
  id: row.id, email: row.email, name: row.name, roles: row.roles, active: row.active, hasPassword: row.has_password, version: row.version,
  createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString(),
});

@Injectable()
export class UsersService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly sessions: SessionsService,
    private readonly links: PasswordLinksService,
  ) {}

  /** The active user with this email, with the password hash, for login. */
  findForLogin(email: string): Promise<User | null> {
    return this.db.getRepository(User).createQueryBuilder('user').addSelect('user.passwordHash')
      .where('user.email = :email AND user.active', { email: email.toLowerCase() }).getOne();
  }

  async list(query: ListUsersQuery): Promise<StaffUserPage> {
    const where: string[] = [];
    const values: unknown[] = [query.limit + 1];
    if (query.q) {
      values.push(`%${likeEscape(query.q)}%`);
      where.push(`(email ILIKE $${values.length} OR name ILIKE $${values.length})`);
    }
    if (query.active) where.push(query.active === 'true' ? 'active' : 'NOT active');
    if (query.cursor) {
      const [createdAt, id] = decodeCursor(query.cursor);
      values.push(createdAt, id);
      where.push(`(created_at, id) < ($${values.length - 1}::timestamptz, $${values.length}::uuid)`);
    }
    const rows: UserRow[] = await this.db.query(
      `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT $1`,
      values,
    );
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return { items: page.map(toStaffUser), nextCursor: rows.length > query.limit && last ? encodeCursor([last.created_at.toISOString(), last.id]) : null };
  }

  async get(id: string, tx: EntityManager = this.db.manager): Promise<StaffUser> {
    const [row]: UserRow[] = await tx.query(`${SELECT} WHERE id = $1`, [id]);
    if (!row) throw new NotFoundError('User');
    return toStaffUser(row);
  }

  async create(input: CreateUserInput & { roles: Role[] }, actor: Principal): Promise<CreateUserResponse> {
    return this.db.transaction(async (tx) => {
      const [taken] = await tx.query(`SELECT 1 FROM users WHERE email = $1`, [input.email]);
      if (taken) throw new ValidationError([{ field: 'email', message: 'A user with this email already exists' }]);
      const [row]: Array<{ id: string }> = await tx.query(
        `INSERT INTO users (email, name, roles, password_hash) VALUES ($1, $2, $3, $4) RETURNING id`,
        [input.email, input.name, input.roles, input.password ? await hashPassword(input.password) : null],
      );
      const user = await this.get(row!.id, tx);
      await this.audit.record(tx, { actor, action: 'create', entity: 'user', entityId: user.id, diff: compactDiff(null, user, ['email', 'name', 'roles']) });
      const passwordLink = input.password ? null : await this.links.issue(tx, user.id);
      return { user, passwordLink };
    });
  }

  /**
   * Name, roles and the active flag. Deactivating ends every session of the user at once. An admin
   * cannot deactivate themselves or drop their own admin role (no lock-out by accident).
   */
  async update(id: string, input: UpdateUserInput & { roles?: Role[]; version: number }, actor: Principal): Promise<StaffUser> {
    if (id === actor.userId) {
      if (input.active === false) throw new ValidationError([{ field: 'active', message: 'You cannot deactivate your own account' }]);
      if (input.roles && !input.roles.includes('admin')) throw new ValidationError([{ field: 'roles', message: 'You cannot remove your own admin role' }]);
    }
    return this.db.transaction(async (tx) => {
      const [locked]: Array<{ version: number; field_versions: Record<string, number> }> = await tx.query(
        `SELECT version, field_versions FROM users WHERE id = $1 FOR UPDATE`, [id],
      );
      if (!locked) throw new NotFoundError('User');
      if (locked.version !== input.version) {
        const changed = VERSIONED_FIELDS.filter((field) => (locked.field_versions[field] ?? 1) > input.version);
        throw new StaleVersionError('user', locked.version, changed);
      }
      const before = await this.get(id, tx);
      const next = locked.version + 1;
      const touched = VERSIONED_FIELDS.filter((field) => input[field] !== undefined && JSON.stringify(input[field]) !== JSON.stringify(before[field]));
      await tx.query(
        `UPDATE users SET name = COALESCE($2, name), roles = COALESCE($3, roles), active = COALESCE($4, active),
                version = $5, field_versions = field_versions || $6::jsonb, updated_at = now() WHERE id = $1`,
        [id, input.name ?? null, input.roles ?? null, input.active ?? null, next, JSON.stringify(Object.fromEntries(touched.map((field) => [field, next])))],
      );
      const after = await this.get(id, tx);
      const diff = compactDiff(before, after, ['name', 'roles', 'active']);
      if (diff.roles) await this.audit.record(tx, { actor, action: 'role_change', entity: 'user', entityId: id, diff: { roles: diff.roles } });
      if (diff.active) {
        await this.audit.record(tx, { actor, action: after.active ? 'activate' : 'deactivate', entity: 'user', entityId: id, diff: { active: diff.active } });
        if (!after.active) await this.sessions.revokeAllOf(tx, id);
      }
      if (diff.name) await this.audit.record(tx, { actor, action: 'update', entity: 'user', entityId: id, diff: { name: diff.name } });
      return after;
    });
  }

  async resetPassword(id: string, actor: Principal): Promise<PasswordLink> {
    return this.db.transaction(async (tx) => {
      await this.get(id, tx);
      const link = await this.links.issue(tx, id);
      await this.audit.record(tx, { actor, action: 'password_reset', entity: 'user', entityId: id });
      return link;
    });
  }

  /** Sets a new password and ends every session of the user. */
  async setPassword(tx: EntityManager, userId: string, password: string): Promise<void> {
    await tx.query(`UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1`, [userId, await hashPassword(password)]);
    await this.sessions.revokeAllOf(tx, userId);
  }
}
