import { Injectable } from '@nestjs/common';
import {
  type CreateStoryInput, type ListStoriesQuery, type PublishStoryInput, type Story as StoryDto,
  type StoryPage, type StoryStatus, type UpdateStoryInput, slugify,
} from '@newsdesk/contracts';
import { DataSource } from 'typeorm';
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

const COLUMNS: Record<string, string> = {
  headline: 'headline', slug: 'slug', teaser: 'teaser', dateline: 'dateline', bodyHtml: 'body_html', credit: 'credit',
};

@Injectable()
export class StoriesService {
  constructor(private readonly db: DataSource) {}

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

  async create(input: CreateStoryInput, userId: string): Promise<StoryDto> {
    const slug = input.slug || slugify(input.headline);
    if (!slug) throw new ValidationError([{ field: 'slug', message: 'The headline has no letters or digits to derive a slug from; enter a slug' }]);
    await this.assertSlugFree(slug);
    const story = await this.repo.save(
      this.repo.create({
        slug,
        headline: input.headline,
        teaser: input.teaser ?? '',
        dateline: input.dateline ?? '',
        bodyHtml: sanitizeBody(input.bodyHtml ?? ''),
        credit: input.credit ?? '',
        status: 'draft',
        version: 1,
        createdBy: userId,
        updatedBy: userId,
      }),
    );
    return this.get(story.id);
  }

  private async assertSlugFree(slug: string, exceptId?: string): Promise<void> {
    const taken = await this.repo.createQueryBuilder('s').where('s.slug = :slug', { slug }).andWhere(exceptId ? 's.id <> :exceptId' : 'true', { exceptId }).getExists();
    if (taken) throw new ValidationError([{ field: 'slug', message: `The slug "${slug}" is already used by another story` }]);
  }

  /** Applies the changed fields if `version` is still current; otherwise 409 with the current version. */
  async update(id: string, input: UpdateStoryInput, userId: string): Promise<StoryDto> {
    const sets: string[] = [];
    const values: unknown[] = [id, input.version, userId];
    for (const [field, column] of Object.entries(COLUMNS)) {
      let value = input[field as keyof UpdateStoryInput];
      if (value === undefined) continue;
      if (field === 'bodyHtml') value = sanitizeBody(value as string);
      values.push(value);
      sets.push(`${column} = $${values.length}`);
    }
    if (input.slug) await this.assertSlugFree(input.slug, id);
    return this.conditionalUpdate(id, input.version, sets.join(', '), values);
  }

  async publish(id: string, input: PublishStoryInput, userId: string): Promise<StoryDto> {
    const story = await this.find(id);
    const missing = [
      !story.headline.trim() && { field: 'headline', message: 'A headline is required to publish' },
      !story.slug && { field: 'slug', message: 'A slug is required to publish' },
    ].filter((error): error is { field: string; message: string } => Boolean(error));
    if (missing.length) throw new ValidationError(missing, 'This story is not ready to publish.');
    const at = input.publishAt ? new Date(input.publishAt) : null;
    const scheduled = at !== null && at.getTime() > Date.now();
    // Republishing keeps the original publication time; scheduling sets the given one.
    return this.conditionalUpdate(
      id,
      input.version,
      `status = $4, published_at = CASE WHEN $4 = 'scheduled' THEN $5::timestamptz
                                      ELSE COALESCE(CASE WHEN status = 'unpublished' OR status = 'published' THEN published_at END, $5::timestamptz, now()) END`,
      [id, input.version, userId, scheduled ? 'scheduled' : 'published', at],
    );
  }

  async unpublish(id: string, version: number, userId: string): Promise<StoryDto> {
    const story = await this.find(id);
    if (!['published', 'scheduled'].includes(story.status)) throw new ConflictError('Only a published or scheduled story can be unpublished.');
    return this.conditionalUpdate(id, version, `status = 'unpublished'`, [id, version, userId]);
  }

  async remove(id: string, version: number): Promise<void> {
    const result: [unknown[], number] = await this.db.query(`DELETE FROM stories WHERE id = $1 AND version = $2`, [id, version]);
    if (result[1] === 0) await this.throwStaleOrMissing(id);
  }

  /** The one write path: `UPDATE ... WHERE version = $2`, so a stale edit can never overwrite a newer one. */
  private async conditionalUpdate(id: string, version: number, sets: string, values: unknown[]): Promise<StoryDto> {
    const assignments = [sets, 'version = version + 1', 'updated_at = now()', 'updated_by = $3'].filter(Boolean).join(', ');
    const [rows]: [Array<{ id: string }>, number] = await this.db.query(
      `UPDATE stories SET ${assignments} WHERE id = $1 AND version = $2 RETURNING id`,
      values,
    );
    if (!rows.length) await this.throwStaleOrMissing(id);
    return this.get(id);
  }

  private async throwStaleOrMissing(id: string): Promise<never> {
    const current = await this.repo.findOne({ where: { id }, select: { id: true, version: true } });
    if (!current) throw new NotFoundError('Story');
    throw new StaleVersionError('story', current.version);
  }
}
