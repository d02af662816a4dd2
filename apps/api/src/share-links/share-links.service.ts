import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  SHARE_LINK_DEFAULT_HOURS,
  sharedStoryPath,
  type CreatedShareLink,
  type CreateShareLinkInput,
  type ShareLink,
  type ShareLinkList,
  type StoryPreview,
} from '@newsdesk/contracts';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { NotFoundError, ThrottledError, ValidationError } from '../common/errors.js';
import { CONFIG, type Config } from '../config.js';
import { RevisionsService } from '../stories/revisions.service.js';
import { StoriesRepository } from '../stories/stories.repository.js';
import { StoryPreviewService } from '../stories/story-preview.service.js';
import { ShareLinksRepository, type ShareLinkRow } from './share-links.repository.js';

/** Failed token lookups allowed per client address in a window, and the window (minutes). */
export const SHARE_LINK_MAX_FAILED_LOOKUPS = 30;
export const SHARE_LINK_THROTTLE_MINUTES = 10;

/** `<link id>.<secret>`: a UUID, a dot, 32 random bytes as unpadded base64url (43 characters). */
const TOKEN = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/;
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();
/** Compared against when the link id is unknown, so a miss costs the same comparison as a hit. */
const NO_HASH = sha256(randomBytes(32).toString('base64url'));

const person = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);

function toDto(row: ShareLinkRow, now = new Date()): ShareLink {
  return {
    id: row.id,
    storyId: row.story_id,
    revision: row.revision,
    label: row.label,
    createdBy: { id: row.created_by, name: row.created_by_name },
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    revokedAt: row.revoked_at?.toISOString() ?? null,
    revokedBy: person(row.revoked_by, row.revoked_by_name),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    useCount: row.use_count,
    state: row.revoked_at ? 'revoked' : row.expires_at.getTime() <= now.getTime() ? 'expired' : 'active',
  };
}

/**
 * Share links (docs/share-links.md): a story shown to a guest without an account. The token is
 * `<link id>.<secret>`; only SHA-256(secret) is stored, and a lookup finds the link by its id and
 * compares the hashes in constant time. Every way a token can fail (malformed, unknown id, wrong
 * secret, expired, revoked, story gone) is the same 404 as a missing story, and counts against the
 * client address's budget of failed lookups (429 with Retry-After past it).
 */
@Injectable()
export class ShareLinksService {
  constructor(
    private readonly db: DataSource,
    private readonly repository: ShareLinksRepository,
    private readonly stories: StoriesRepository,
    private readonly revisions: RevisionsService,
    private readonly previews: StoryPreviewService,
    private readonly audit: AuditService,
    @Inject(CONFIG) private readonly config: Pick<Config, 'ADMIN_PUBLIC_URL'>,
  ) {}

  async list(storyId: string): Promise<ShareLinkList> {
    const rows = await this.repository.list(storyId);
    if (!rows.length && !(await this.stories.exists(storyId))) throw new NotFoundError('Story');
    const now = new Date();
    return { items: rows.map((row) => toDto(row, now)) };
  }

  async create(storyId: string, input: CreateShareLinkInput, actor: Principal): Promise<CreatedShareLink> {
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    const token = `${id}.${secret}`;
    const revision = input.revision ?? null;
    const row = await this.db.transaction(async (tx) => {
      if (!(await this.stories.exists(storyId, tx))) throw new NotFoundError('Story');
      if (revision !== null) {
        await this.revisions.get(storyId, revision, tx).catch((error: unknown) => {
          if (error instanceof NotFoundError)
            throw new ValidationError([{ field: 'revision', message: `This story has no revision ${revision}` }]);
          throw error;
        });
      }
      const inserted = await this.repository.insert(tx, {
        id,
        storyId,
        tokenHash: sha256(secret),
        revision,
        label: input.label?.trim() ?? '',
        createdBy: actor.userId,
        hours: input.expiresInHours ?? SHARE_LINK_DEFAULT_HOURS,
      });
      if (!inserted) throw new Error('the inserted share link was not found');
      await this.audit.record(tx, {
        actor,
        action: 'create',
        entity: 'share_link',
        entityId: id,
        diff: {
          storyId: [null, storyId],
          revision: [null, revision],
          label: [null, inserted.label],
          expiresAt: [null, inserted.expires_at.toISOString()],
        },
      });
      return inserted;
    });
    return { ...toDto(row), token, url: `${this.config.ADMIN_PUBLIC_URL}${sharedStoryPath(token)}` };
  }

  /** Idempotent: revoking a revoked link changes nothing (and writes no second audit entry); an unknown id is 404. */
  async revoke(id: string, actor: Principal): Promise<void> {
    await this.db.transaction(async (tx) => {
      const revoked = await this.repository.revoke(tx, id, actor.userId);
      if (!revoked) {
        if (!(await this.repository.get(id, tx))) throw new NotFoundError('Share link');
        return;
      }
      await this.audit.record(tx, {
        actor,
        action: 'revoke',
        entity: 'share_link',
        entityId: id,
        diff: { storyId: [revoked.story_id, revoked.story_id], revokedAt: [null, new Date().toISOString()] },
      });
    });
  }

  /** The guest's view: the story (or its pinned revision) as the staff preview shows it; each use is counted and audited. */
  async open(token: string, ip: string): Promise<StoryPreview> {
    const reservation = await this.repository.reserve(ip, SHARE_LINK_THROTTLE_MINUTES);
    if (reservation.hits > SHARE_LINK_MAX_FAILED_LOOKUPS) throw new ThrottledError(reservation.retry_after);
    const match = TOKEN.exec(token);
    const stored = match ? await this.repository.secret(match[1] ?? '') : undefined;
    const offered = sha256(match?.[2] ?? '');
    const same = timingSafeEqual(stored?.token_hash ?? NO_HASH, offered) && stored !== undefined;
    if (!same || !stored) throw new NotFoundError('Story');
    const use = await this.db.transaction(async (tx) => {
      const counted = await this.repository.recordUse(tx, stored.id);
      if (!counted) return undefined;
      await this.repository.release(tx, ip);
      await this.audit.record(tx, {
        actor: null,
        action: 'use',
        entity: 'share_link',
        entityId: stored.id,
        ip,
        diff: { storyId: [counted.story_id, counted.story_id], useCount: [counted.use_count - 1, counted.use_count] },
      });
      return counted;
    });
    if (!use) throw new NotFoundError('Story');
    // A pinned revision is applied and rolled back as the link's maker (the rolled-back save's author).
    const maker: Principal = {
      userId: use.created_by,
      email: use.created_by_email,
      name: use.created_by_name,
      roles: [],
      sessionId: '',
      via: 'bearer',
    };
    return this.previews.preview(use.story_id, use.revision, maker);
  }
}
