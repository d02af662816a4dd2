import { Injectable } from '@nestjs/common';
import {
  slugify,
  type CreateTagInput,
  type ListTagsQuery,
  type MergeTagInput,
  type Tag,
  type TagPage,
  type TagSuggestionList,
  type UpdateTagInput,
} from '@newsdesk/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { compactDiff } from '../audit/audit.diff.js';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { decodeCursor, encodeCursor } from '../common/cursor.js';
import { NotFoundError, ValidationError } from '../common/errors.js';
import type { Db } from '../common/db.js';
import { VersionedWriter } from '../common/versioned-write.js';
import { StoriesRepository } from '../stories/stories.repository.js';
import { suggestTags } from './tag-suggestions.js';
import { TagsRepository, type TagRow } from './tags.repository.js';

const toTag = (row: TagRow): Tag => ({
  id: row.id,
  slug: row.slug,
  name: row.name,
  type: row.type,
  aliases: row.aliases,
  version: row.version,
  storyCount: row.story_count,
});
const AUDITED = ['slug', 'name', 'type', 'aliases'];

@Injectable()
export class TagsService {
  constructor(
    private readonly db: DataSource,
    private readonly repository: TagsRepository,
    private readonly stories: StoriesRepository,
    private readonly audit: AuditService,
    private readonly versioned: VersionedWriter,
  ) {}

  /** Name order; `q` matches the start of the name or of an alias. */
  async list(query: ListTagsQuery): Promise<TagPage> {
    const afterId = query.cursor ? decodeCursor(query.cursor)[1] : undefined;
    const rows = await this.repository.page({ q: query.q, type: query.type, limit: query.limit + 1, ...(afterId ? { afterId } : {}) });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map(toTag),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.created_at.toISOString(), last.id]) : null,
    };
  }

  async get(id: string, tx?: Db): Promise<Tag> {
    const row = await this.repository.byId(id, tx);
    if (!row) throw new NotFoundError('Tag');
    return toTag(row);
  }

  async create(input: CreateTagInput, actor: Principal): Promise<Tag> {
    const slug = input.slug || slugify(input.name);
    if (!slug)
      throw new ValidationError([{ field: 'slug', message: 'The name has no letters or digits to derive a slug from; enter a slug' }]);
    return this.versioned.create({
      entity: 'tag',
      actor,
      audited: AUDITED,
      insert: async (tx) => {
        await this.assertSlugFree(tx, slug);
        const id = await this.repository.insert(tx, { slug, name: input.name, type: input.type, aliases: input.aliases ?? [] });
        return this.get(id, tx);
      },
    });
  }

  private async assertSlugFree(tx: EntityManager, slug: string, exceptId?: string): Promise<void> {
    if (await this.repository.slugTaken(tx, slug, exceptId))
      throw new ValidationError([{ field: 'slug', message: `The slug "${slug}" is already used by another tag` }]);
  }

  async update(id: string, input: UpdateTagInput, actor: Principal): Promise<Tag> {
    return this.versioned.write({
      what: 'tag',
      version: input.version,
      lock: (tx) => this.repository.lock(tx, id),
      apply: async (tx, before) => {
        if (input.slug && input.slug !== before.slug) {
          await this.assertSlugFree(tx, input.slug, id);
          await this.repository.moveSlug(tx, id, before.slug, input.slug);
        }
        await this.repository.update(tx, id, { name: input.name, slug: input.slug, type: input.type, aliases: input.aliases });
        return this.get(id, tx);
      },
      audit: (before, after) => ({
        actor,
        action: 'update',
        entity: 'tag',
        entityId: id,
        diff: compactDiff(toTag(before), after, AUDITED),
      }),
    });
  }

  /**
   * Merges this tag into another in one transaction: its stories move to the survivor (keeping
   * their order), its name and aliases become the survivor's aliases, and its public slug redirects.
   */
  async merge(id: string, input: MergeTagInput, actor: Principal): Promise<Tag> {
    if (id === input.intoId) throw new ValidationError([{ field: 'intoId', message: 'A tag cannot be merged into itself' }]);
    const { tag } = await this.versioned.write({
      what: 'tag',
      version: input.version,
      lock: (tx) => this.repository.lock(tx, id),
      apply: async (tx, loser) => {
        if (!(await this.repository.lock(tx, input.intoId)))
          throw new ValidationError([{ field: 'intoId', message: 'No tag with this id' }]);
        const moved = await this.stories.retag(tx, id, input.intoId);
        await this.repository.merge(tx, id, input.intoId, loser.slug, [loser.name, ...loser.aliases]);
        return { tag: await this.get(input.intoId, tx), moved };
      },
      audit: (_, { moved }) => ({
        actor,
        action: 'merge',
        entity: 'tag',
        entityId: id,
        diff: { intoId: [null, input.intoId], stories: [null, moved] },
      }),
    });
    return tag;
  }

  /** Existing tags whose name or alias occurs in the story as saved, best first; the story's own tags left out. */
  async suggestionsFor(storyId: string): Promise<TagSuggestionList> {
    const story = await this.stories.textForTagging(storyId);
    if (!story) throw new NotFoundError('Story');
    const candidates = await this.repository.candidates();
    const texts = { headline: story.headline, teaser: story.teaser, body: story.body_text, transcript: story.transcript_text };
    return { items: suggestTags(texts, candidates, new Set(story.tag_ids)) };
  }
}
