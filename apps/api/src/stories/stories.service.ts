import { Injectable } from '@nestjs/common';
import {
  type CreateStoryInput, type ListStoriesQuery, type PublishStoryInput, type Story as StoryDto,
  type StoryPage, type StoryStatus, type UpdateStoryInput, slugify,
} from '@newsdesk/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { compactDiff } from '../audit/audit.diff.js';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { decodeCursor, encodeCursor } from '../common/cursor.js';
import { ConflictError, NotFoundError, StaleVersionError, ValidationError } from '../common/errors.js';
import { sanitizeBody } from './sanitize.js';
import { Story } from './story.entity.js';

/** A scheduled story whose time has come reads as published: visibility never waits for a timer. */
export function effectiveStatus(status: StoryStatus, publishedAt: Date | null, now = new Date()): StoryStatus {
  return status === 'scheduled' && publishedAt && publishedAt <= now ? 'published' : status;
}

export function toStoryDto(story: Story): StoryDto {
  return {
    id: story.id,
    slug: story.slug,
    headline: story.headline,
    teaser: story.teaser,
    dateline: story.dateline,
    bodyHtml: story.bodyHtml,
    credit: story.credit,
    status: effectiveStatus(story.status, story.publishedAt),
    version: story.version,
    publishedAt: story.publishedAt?.toISOString() ?? null,
    createdAt: story.createdAt.toISOString(),
    updatedAt: story.updatedAt.toISOString(),
  };
}

/** Writable story fields and their columns. */
const COLUMNS: Record<string, string> = {
  headline: 'headline', slug: 'slug', teaser: 'teaser', dateline: 'dateline', bodyHtml: 'body_html', credit: 'credit',
  status: 'status', publishedAt: 'published_at',
};
/** Columns whose changes the audit log records. */
const AUDITED = Object.values(COLUMNS);

@Injectable()
export class StoriesService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  private get repo() {
    return this.db.getRepository(Story);
  }

  async list(query: ListStoriesQuery): Promise<StoryPage> {
    const qb = this.repo.createQueryBuilder('s').orderBy('s.updatedAt', 'DESC').addOrderBy('s.id', 'DESC').take(query.limit + 1);
    if (query.status === 'published') qb.andWhere(`(s.status = 'published' OR (s.status = 'scheduled' AND s.published_at <= now()))`);
    else if (query.status === 'scheduled') qb.andWhere(`s.status = 'scheduled' AND s.published_at > now()`);
    else if (query.status) qb.andWhere('s.status = :status', { status: query.status });
    if (query.q) qb.andWhere('(s.headline ILIKE :q OR s.slug ILIKE :q)', { q: `%${query.q.replace(/[\\%_]/g, '\\$&')}%` });
    if (query.cursor) {
      const [updatedAt, id] = decodeCursor(query.cursor);
      qb.andWhere('(s.updated_at, s.id) < (:updatedAt, :id)', { updatedAt, id });
    }
    const rows = await qb.getMany();
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map((story) => {
        const dto = toStoryDto(story);
        return { id: dto.id, slug: dto.slug, headline: dto.headline, status: dto.status, version: dto.version, publishedAt: dto.publishedAt, updatedAt: dto.updatedAt };
      }),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.updatedAt.toISOString(), last.id]) : null,
    };
  }

  async get(id: string): Promise<StoryDto> {
    return toStoryDto(await this.find(id));
  }

  private async find(id: string): Promise<Story> {
    const story = await this.repo.findOneBy({ id });
    if (!story) throw new NotFoundError('Story');
    return story;
  }

  async create(input: CreateStoryInput, actor: Principal): Promise<StoryDto> {
    const slug = input.slug || slugify(input.headline);
    if (!slug) throw new ValidationError([{ field: 'slug', message: 'The headline has no letters or digits to derive a slug from; enter a slug' }]);
    const id = await this.db.transaction(async (tx) => {
      await this.assertSlugFree(tx, slug);
      const [row]: Array<Record<string, unknown> & { id: string }> = await tx.query(
        `INSERT INTO stories (slug, headline, teaser, dateline, body_html, credit, created_by, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING *`,
        [slug, input.headline, input.teaser ?? '', input.dateline ?? '', sanitizeBody(input.bodyHtml ?? ''), input.credit ?? '', actor.userId],
      );
      await this.audit.record(tx, { actor, action: 'create', entity: 'story', entityId: row!.id, diff: compactDiff(null, row!, AUDITED) });
      return row!.id;
    });
    return this.get(id);
  }

  private async assertSlugFree(tx: EntityManager, slug: string, exceptId?: string): Promise<void> {
    const [row] = await tx.query(`SELECT 1 FROM stories WHERE slug = $1 AND id IS DISTINCT FROM $2`, [slug, exceptId ?? null]);
    if (row) throw new ValidationError([{ field: 'slug', message: `The slug "${slug}" is already used by another story` }]);
  }

  /** Applies the changed fields if `version` is still current; otherwise 409 with the current version. */
  async update(id: string, input: UpdateStoryInput, actor: Principal): Promise<StoryDto> {
    const changes: Record<string, unknown> = {};
    for (const field of Object.keys(COLUMNS)) {
      const value = input[field as keyof UpdateStoryInput];
      if (value !== undefined) changes[field] = field === 'bodyHtml' ? sanitizeBody(value as string) : value;
    }
    return this.write(id, input.version, actor, 'update', async (tx) => {
      if (input.slug) await this.assertSlugFree(tx, input.slug, id);
      return changes;
    });
  }

  async publish(id: string, input: PublishStoryInput, actor: Principal): Promise<StoryDto> {
    const at = input.publishAt ? new Date(input.publishAt) : null;
    const scheduled = at !== null && at.getTime() > Date.now();
    return this.write(id, input.version, actor, scheduled ? 'schedule' : 'publish', async (_tx, story) => {
      const missing = [
        !story.headline.trim() && { field: 'headline', message: 'A headline is required to publish' },
        !story.slug && { field: 'slug', message: 'A slug is required to publish' },
      ].filter((error): error is { field: string; message: string } => Boolean(error));
      if (missing.length) throw new ValidationError(missing, 'This story is not ready to publish.');
      if (scheduled) return { status: 'scheduled', publishedAt: at };
      // Publishing again after an unpublish keeps the original publication time.
      const keep = story.status === 'unpublished' || effectiveStatus(story.status, story.publishedAt) === 'published';
      return { status: 'published', publishedAt: keep && story.publishedAt ? story.publishedAt : (at ?? new Date()) };
    });
  }

  async unpublish(id: string, version: number, actor: Principal): Promise<StoryDto> {
    return this.write(id, version, actor, 'unpublish', async (_tx, story) => {
      if (!['published', 'scheduled'].includes(story.status)) throw new ConflictError('Only a published or scheduled story can be unpublished.');
      return { status: 'unpublished' };
    });
  }

  async remove(id: string, version: number, actor: Principal): Promise<void> {
    await this.db.transaction(async (tx) => {
      const story = await this.lock(tx, id, version);
      await tx.query(`DELETE FROM stories WHERE id = $1`, [id]);
      await this.audit.record(tx, { actor, action: 'delete', entity: 'story', entityId: id, diff: compactDiff(story as unknown as Record<string, unknown>, null, AUDITED) });
    });
  }

  /**
   * The one write path. In a transaction: lock the row, refuse a stale version (409 with the current
   * one), compute the changes, apply them with the version bumped, and audit the diff.
   */
  private async write(
    id: string,
    version: number,
    actor: Principal,
    action: string,
    change: (tx: EntityManager, story: Story) => Promise<Partial<Record<string, unknown>>>,
  ): Promise<StoryDto> {
    await this.db.transaction(async (tx) => {
      const story = await this.lock(tx, id, version);
      const changes = await change(tx, story);
      const entries = Object.entries(changes).filter(([field]) => field in COLUMNS);
      const values = entries.map(([, value]) => value);
      const sets = entries.map(([field], i) => `${COLUMNS[field]} = $${i + 3}`);
      const [rows]: [Array<Record<string, unknown>>, number] = await tx.query(
        `UPDATE stories SET ${[...sets, 'version = version + 1', 'updated_at = now()', 'updated_by = $2'].join(', ')} WHERE id = $1 RETURNING *`,
        [id, actor.userId, ...values],
      );
      const before = Object.fromEntries(Object.keys(COLUMNS).map((field) => [COLUMNS[field]!, story[field as keyof Story]]));
      await this.audit.record(tx, { actor, action, entity: 'story', entityId: id, diff: compactDiff(before, rows[0]!, AUDITED) });
    });
    return this.get(id);
  }

  /** SELECT ... FOR UPDATE of the story at `version`: 404 when missing, 409 (with the current version) when stale. */
  private async lock(tx: EntityManager, id: string, version: number): Promise<Story> {
    const story = await tx.getRepository(Story).createQueryBuilder('s').setLock('pessimistic_write').where('s.id = :id', { id }).getOne();
    if (!story) throw new NotFoundError('Story');
    if (story.version !== version) throw new StaleVersionError('story', story.version);
    return story;
  }
}
