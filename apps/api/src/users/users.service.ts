import { Injectable } from '@nestjs/common';
import type {
  CreateUserInput,
  CreateUserResponse,
  ListUsersQuery,
  PasswordLink,
  Role,
  StaffUser,
  StaffUserPage,
  UpdateUserInput,
  User as UserDto,
} from '@newsdesk/contracts';
import type { EntityManager } from 'typeorm';
import { compactDiff } from '../audit/audit.diff.js';
import { AuditService, type AuditRecord } from '../audit/audit.service.js';
import { hashPassword } from '../auth/password.js';
import type { Principal } from '../auth/principal.js';
import { SessionsService } from '../auth/sessions.service.js';
import { decodeCursor, encodeCursor } from '../common/cursor.js';
import { NotFoundError, ValidationError } from '../common/errors.js';
import { VersionedWriter } from '../common/versioned-write.js';
import { PasswordLinksService } from './password-links.service.js';
import type { User } from './user.entity.js';
import { UsersRepository, type UserRow, type UserVersionRow } from './users.repository.js';

export const toUserDto = (user: Pick<User, 'id' | 'email' | 'name' | 'roles'>): UserDto => ({
  id: user.id,
  email: user.email,
  name: user.name,
  roles: user.roles,
});

/** The fields PATCH changes; field_versions records the version at which each last changed (for the 409's changedFields). */
const VERSIONED_FIELDS = ['name', 'roles', 'active'] as const;
const toStaffUser = (row: UserRow): StaffUser => ({
  id: row.id,
  email: row.email,
  name: row.name,
  roles: row.roles,
  active: row.active,
  hasPassword: row.has_password,
  version: row.version,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly writer: VersionedWriter,
    private readonly audit: AuditService,
    private readonly sessions: SessionsService,
    private readonly links: PasswordLinksService,
  ) {}

  /** The active user with this email, with the password hash, for login. */
  findForLogin(email: string): Promise<User | null> {
    return this.users.findForLogin(email);
  }

  async list(query: ListUsersQuery): Promise<StaffUserPage> {
    const before = query.cursor ? decodeCursor(query.cursor) : null;
    const rows = await this.users.list({
      limit: query.limit + 1,
      q: query.q || null,
      active: query.active ? query.active === 'true' : null,
      before: before ? [before[0], before[1]] : null,
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map(toStaffUser),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.created_at.toISOString(), last.id]) : null,
    };
  }

  async get(id: string, tx?: EntityManager): Promise<StaffUser> {
    const row = await this.users.find(id, tx);
    if (!row) throw new NotFoundError('User');
    return toStaffUser(row);
  }

  async create(input: CreateUserInput & { roles: Role[] }, actor: Principal): Promise<CreateUserResponse> {
    return this.users.transaction(async (tx) => {
      if (await this.users.emailTaken(tx, input.email))
        throw new ValidationError([{ field: 'email', message: 'A user with this email already exists' }]);
      const id = await this.users.insert(tx, {
        email: input.email,
        name: input.name,
        roles: input.roles,
        passwordHash: input.password ? await hashPassword(input.password) : null,
      });
      const user = await this.get(id, tx);
      await this.audit.record(tx, {
        actor,
        action: 'create',
        entity: 'user',
        entityId: user.id,
        diff: compactDiff(null, user, ['email', 'name', 'roles']),
      });
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
      if (input.roles && !input.roles.includes('admin'))
        throw new ValidationError([{ field: 'roles', message: 'You cannot remove your own admin role' }]);
    }
    const { after } = await this.writer.write<UserVersionRow, { before: StaffUser; after: StaffUser }>({
      what: 'user',
      version: input.version,
      lock: (tx) => this.users.lock(tx, id),
      changedSince: async (_tx, locked, version) => VERSIONED_FIELDS.filter((field) => (locked.field_versions[field] ?? 1) > version),
      apply: async (tx, locked) => {
        const before = await this.get(id, tx);
        const next = locked.version + 1;
        const touched = VERSIONED_FIELDS.filter(
          (field) => input[field] !== undefined && JSON.stringify(input[field]) !== JSON.stringify(before[field]),
        );
        await this.users.update(
          tx,
          id,
          { name: input.name ?? null, roles: input.roles ?? null, active: input.active ?? null },
          next,
          touched,
        );
        const after = await this.get(id, tx);
        if (before.active && !after.active) await this.sessions.revokeAllOf(tx, id);
        return { before, after };
      },
      audit: (_locked, { before, after }) => {
        const diff = compactDiff(before, after, ['name', 'roles', 'active']);
        const entries: AuditRecord[] = [];
        if (diff.roles) entries.push({ actor, action: 'role_change', entity: 'user', entityId: id, diff: { roles: diff.roles } });
        if (diff.active)
          entries.push({
            actor,
            action: after.active ? 'activate' : 'deactivate',
            entity: 'user',
            entityId: id,
            diff: { active: diff.active },
          });
        if (diff.name) entries.push({ actor, action: 'update', entity: 'user', entityId: id, diff: { name: diff.name } });
        return entries;
      },
    });
    return after;
  }

  async resetPassword(id: string, actor: Principal): Promise<PasswordLink> {
    return this.users.transaction(async (tx) => {
      await this.get(id, tx);
      const link = await this.links.issue(tx, id);
      await this.audit.record(tx, { actor, action: 'password_reset', entity: 'user', entityId: id });
      return link;
    });
  }

  /** Sets a new password and ends every session of the user. */
  async setPassword(tx: EntityManager, userId: string, password: string): Promise<void> {
    await this.users.setPasswordHash(tx, userId, await hashPassword(password));
    await this.sessions.revokeAllOf(tx, userId);
  }
}
