import { Injectable } from '@nestjs/common';
import { slugify, type CreateTagInput, type ListTagsQuery, type MergeTagInput, type Tag, type TagPage, type TagType, type UpdateTagInput } from '@newsdesk/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { compactDiff } from '../audit/audit.diff.js';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { decodeCursor, encodeCursor } from '../common/cursor.js';
import { NotFoundError, StaleVersionError, ValidationError } from '../common/errors.js';
import { likeEscape } from '../common/sql.js';

interface TagRow { id: string; slug: string; name: string; type: TagType; aliases: string[]; version: number; story_count: number; created_at: Date }

const SELECT = `SELECT t.id, t.slug, t.name, t.type, t.aliases, t.version, t.created_at,
  (SELECT count(*)::int FROM story_tags st WHERE st.tag_id = t.id) AS story_count FROM tags t`;
const toTag = (row: TagRow): Tag => ({ id: row.id, slug: row.slug, name: row.name, type: row.type, aliases: row.aliases, version: row.version, storyCount: row.story_count });

@Injectable()
export class TagsService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Name order; `q` matches the start of the name or of an alias. */
  async list(query: ListTagsQuery): Promise<TagPage> {
    const values: unknown[] = [query.limit + 1];
    const where: string[] = [];
    const param = (value: unknown) => `$${values.push(value)}`;
    if (query.q) {
      const prefix = param(`${likeEscape(query.q.toLowerCase())}%`);
      where.push(`(lower(t.name) LIKE ${prefix} OR EXISTS (SELECT 1 FROM unnest(t.aliases) a WHERE lower(a) LIKE ${prefix}))`);
    }
    if (query.type) where.push(`t.type = ${param(query.type)}`);
    if (query.cursor) {
      const [, id] = decodeCursor(query.cursor);
      where.push(`(lower(t.name), t.id) > ((SELECT lower(name) FROM tags WHERE id = ${param(id)}), ${param(id)}::uuid)`);
    }
    const rows: TagRow[] = await this.db.query(`${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY lower(t.name), t.id LIMIT $1`, values);
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return { items: page.map(toTag), nextCursor: rows.length > query.limit && last ? encodeCursor([last.created_at.toISOString(), last.id]) : null };
  }

  async get(id: string, tx: EntityManager = this.db.manager): Promise<Tag> {
    const [row]: TagRow[] = await tx.query(`${SELECT} WHERE t.id = $1`, [id]);
    if (!row) throw new NotFoundError('Tag');
    return toTag(row);
  }

  async create(input: CreateTagInput, actor: Principal): Promise<Tag> {
    const slug = input.slug || slugify(input.name);
    if (!slug) throw new ValidationError([{ field: 'slug', message: 'The name has no letters or digits to derive a slug from; enter a slug' }]);
    return this.db.transaction(async (tx) => {
      await this.assertSlugFree(tx, slug);
      const [row]: Array<{ id: string }> = await tx.query(`INSERT INTO tags (slug, name, type, aliases) VALUES ($1, $2, $3, $4) RETURNING id`, [slug, input.name, input.type, input.aliases ?? []]);
      const tag = await this.get(row!.id, tx);
      await this.audit.record(tx, { actor, action: 'create', entity: 'tag', entityId: tag.id, diff: compactDiff(null, tag, ['slug', 'name', 'type', 'aliases']) });
      return tag;
    });
  }

  private async assertSlugFree(tx: EntityManager, slug: string, exceptId?: string): Promise<void> {
    const [taken] = await tx.query(
      `SELECT 1 FROM tags WHERE slug = $1 AND id IS DISTINCT FROM $2 UNION ALL SELECT 1 FROM tag_redirects WHERE slug = $1 AND tag_id IS DISTINCT FROM $2`,
      [slug, exceptId ?? null],
    );
    if (taken) throw new ValidationError([{ field: 'slug', message: `The slug "${slug}" is already used by another tag` }]);
  }

  private async lock(tx: EntityManager, id: string, version: number): Promise<Tag> {
    const [row] = await tx.query(`SELECT id FROM tags WHERE id = $1 FOR UPDATE`, [id]);
    if (!row) throw new NotFoundError('Tag');
    const tag = await this.get(id, tx);
    if (tag.version !== version) throw new StaleVersionError('tag', tag.version);
    return tag;
  }

  async update(id: string, input: UpdateTagInput, actor: Principal): Promise<Tag> {
    return this.db.transaction(async (tx) => {
      const before = await this.lock(tx, id, input.version);
      if (input.slug && input.slug !== before.slug) {
        await this.assertSlugFree(tx, input.slug, id);
        await tx.query(`DELETE FROM tag_redirects WHERE slug = $1`, [input.slug]);
        await tx.query(`INSERT INTO tag_redirects (slug, tag_id) VALUES ($1, $2)`, [before.slug, id]);
      }
      await tx.query(
        `UPDATE tags SET name = COALESCE($2, name), slug = COALESCE($3, slug), type = COALESCE($4, type), aliases = COALESCE($5, aliases),
                version = version + 1, updated_at = now() WHERE id = $1`,
        [id, input.name ?? null, input.slug ?? null, input.type ?? null, input.aliases ?? null],
      );
      const after = await this.get(id, tx);
      await this.audit.record(tx, { actor, action: 'update', entity: 'tag', entityId: id, diff: compactDiff(before, after, ['slug', 'name', 'type', 'aliases']) });
      return after;
    });
  }

  /**
   * Merges this tag into another in one transaction: its stories move to the survivor (keeping
   * their order), its name and aliases become the survivor's aliases, and its public slug redirects.
   */
  async merge(id: string, input: MergeTagInput, actor: Principal): Promise<Tag> {
    if (id === input.intoId) throw new ValidationError([{ field: 'intoId', message: 'A tag cannot be merged into itself' }]);
    return this.db.transaction(async (tx) => {
      const loser = await this.lock(tx, id, input.version);
      const [survivorRow] = await tx.query(`SELECT id FROM tags WHERE id = $1 FOR UPDATE`, [input.intoId]);
      if (!survivorRow) throw new ValidationError([{ field: 'intoId', message: 'No tag with this id' }]);
      const moved: Array<{ story_id: string }> = await tx.query(
        `INSERT INTO story_tags (story_id, tag_id, position) SELECT story_id, $2, position FROM story_tags WHERE tag_id = $1
         ON CONFLICT (story_id, tag_id) DO NOTHING RETURNING story_id`,
        [id, input.intoId],
      );
      await tx.query(
        `UPDATE tags SET aliases = (SELECT coalesce(array_agg(DISTINCT a), '{}') FROM unnest(aliases || $2::text[]) a WHERE lower(a) <> lower(name)),
                version = version + 1, updated_at = now() WHERE id = $1`,
        [input.intoId, [loser.name, ...loser.aliases]],
      );
      await tx.query(`UPDATE tag_redirects SET tag_id = $2 WHERE tag_id = $1`, [id, input.intoId]);
      await tx.query(`DELETE FROM tags WHERE id = $1`, [id]);
      await tx.query(`INSERT INTO tag_redirects (slug, tag_id) VALUES ($1, $2)`, [loser.slug, input.intoId]);
      await this.audit.record(tx, { actor, action: 'merge', entity: 'tag', entityId: id, diff: { intoId: [null, input.intoId], stories: [null, moved.length] } });
      return this.get(input.intoId, tx);
    });
  }
}
