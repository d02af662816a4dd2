import { Inject, Injectable } from '@nestjs/common';
import type { PasswordLink } from '@newsdesk/contracts';
import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ValidationError } from '../common/errors.js';
import { CONFIG, type Config } from '../config.js';
import { UsersRepository } from './users.repository.js';

const LINK_TTL_HOURS = 72;
const hash = (token: string) => createHash('sha256').update(token).digest();

/** One-time set-password links for invitations and resets. Issuing one voids the user's earlier links. */
@Injectable()
export class PasswordLinksService {
  constructor(
    @Inject(CONFIG) private readonly config: Config,
    private readonly users: UsersRepository,
  ) {}

  async issue(tx: EntityManager, userId: string): Promise<PasswordLink> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + LINK_TTL_HOURS * 3_600_000);
    await this.users.replacePasswordLink(tx, userId, hash(token), expiresAt);
    const origin = (this.config.ADMIN_ORIGIN.split(',')[0] ?? '').trim();
    return { url: `${origin}/set-password?token=${token}`, token, expiresAt: expiresAt.toISOString() };
  }

  /** Uses up a link: returns its user's id, or a 400 naming `token` when it is unknown, used or expired. */
  async consume(tx: EntityManager, token: string): Promise<string> {
    const userId = await this.users.consumePasswordLink(tx, hash(token));
    if (!userId)
      throw new ValidationError([{ field: 'token', message: 'This link is invalid, used or expired; ask an admin for a new one' }]);
    return userId;
  }
}
