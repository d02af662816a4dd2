import { Injectable } from '@nestjs/common';
import type { Role, User as UserDto } from '@newsdesk/contracts';
import { DataSource } from 'typeorm';
import { hashPassword } from '../auth/password.js';
import { User } from './user.entity.js';

export const toUserDto = (user: Pick<User, 'id' | 'email' | 'name' | 'roles'>): UserDto => ({
  id: user.id, email: user.email, name: user.name, roles: user.roles,
});

@Injectable()
export class UsersService {
  constructor(private readonly db: DataSource) {}

  /** The active user with this email, with the password hash, for login. */
  findForLogin(email: string): Promise<User | null> {
    return this.db
      .getRepository(User)
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('user.email = :email AND user.active', { email: email.toLowerCase() })
      .getOne();
  }

  /** Creates the user, or sets the name, roles and password of the existing one with that email. */
  async upsert(input: { email: string; name: string; roles: Role[]; password: string }): Promise<User> {
    const [row]: Array<{ id: string }> = await this.db.query(
      `INSERT INTO users (email, name, roles, password_hash) VALUES ($1, $2, $3, $4)
       ON CONFLICT (email) DO UPDATE
         SET password_hash = EXCLUDED.password_hash, active = true,
             roles = (SELECT array_agg(DISTINCT r) FROM unnest(users.roles || EXCLUDED.roles) r),
             updated_at = now()
       RETURNING id`,
      [input.email.toLowerCase(), input.name, input.roles, await hashPassword(input.password)],
    );
    return this.db.getRepository(User).findOneByOrFail({ id: row!.id });
  }

  count(): Promise<number> {
    return this.db.getRepository(User).count();
  }
}
