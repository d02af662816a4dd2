import { defined } from '@newsdesk/contracts';
import { Injectable } from '@nestjs/common';
import type { TagType } from '@newsdesk/contracts';
import { DataSource } from 'typeorm';
import { exec, one, rows, type Db } from '../common/db.js';
import { likeEscape } from '../common/sql.js';

/** A tag as the staff API reads it, with how many stories carry it. */
export interface TagRow {
  id: string;
  slug: string;
  name: string;
  type: TagType;
  aliases: string[];
  version: number;
  story_count: number;
  created_at: Date;
}

/** A tag as tag suggestions match it. */
export interface CandidateTagRow {
  id: string;
  slug: string;
  name: string;
  type: TagType;
  aliases: string[];
}

export interface TagFilter {
  q?: string;
  type?: TagType;
  afterId?: string;
  limit: number;
}

export interface TagFields {
  slug: string;
  name: string;
  type: TagType;
  aliases: string[];
}

const SELECT = `SELECT t.id, t.slug, t.name, t.type, t.aliases, t.version, t.created_at,
  (SELECT count(*)::int FROM story_tags st WHERE st.tag_id = t.id) AS story_count FROM tags t`;

/** Every SQL statement of tags (and their redirects); `tx` runs it inside a caller's transaction. */
@Injectable()
export class TagsRepository {
  constructor(private readonly db: DataSource) {}

  /** Name order; `q` matches the start of the name or of an alias; `afterId` is the last tag of the previous page. */
  page(filter: TagFilter, tx: Db = this.db): Promise<TagRow[]> {
    const values: unknown[] = [filter.limit];
    const where: string[] = [];
    const param = (value: unknown) => `$${values.push(value)}`;
    if (filter.q) {
      const prefix = param(`${likeEscape(filter.q.toLowerCase())}%`);
      where.push(`(lower(t.name) LIKE ${prefix} OR EXISTS (SELECT 1 FROM unnest(t.aliases) a WHERE lower(a) LIKE ${prefix}))`);
    }
    if (filter.type) where.push(`t.type = ${param(filter.type)}`);
    if (filter.afterId) {
      const id = param(filter.afterId);
      where.push(`(lower(t.name), t.id) > ((SELECT lower(name) FROM tags WHERE id = ${id}), ${id}::uuid)`);
    }
    return rows<TagRow>(
      tx,
      `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY lower(t.name), t.id LIMIT $1`,
      values,
    );
  }

  byId(id: string, tx: Db = this.db): Promise<TagRow | undefined> {
    return one<TagRow>(tx, `${SELECT} WHERE t.id = $1`, [id]);
  }

  /** Locks the tag's row (FOR UPDATE) and reads it; undefined when there is none. */
  async lock(tx: Db, id: string): Promise<TagRow | undefined> {
    if (!(await one<{ id: string }>(tx, `SELECT id FROM tags WHERE id = $1 FOR UPDATE`, [id]))) return undefined;
    return this.byId(id, tx);
  }

  /** True when another tag (not `exceptId`) has this slug or redirects from it. */
  async slugTaken(tx: Db, slug: string, exceptId?: string): Promise<boolean> {
    const taken = await one<{ taken: number }>(
      tx,
      `SELECT 1 AS taken FROM tags WHERE slug = $1 AND id IS DISTINCT FROM $2 UNION ALL SELECT 1 FROM tag_redirects WHERE slug = $1 AND tag_id IS DISTINCT FROM $2`,
      [slug, exceptId ?? null],
    );
    return taken !== undefined;
  }

  async insert(tx: Db, tag: TagFields): Promise<string> {
    const row = await one<{ id: string }>(tx, `INSERT INTO tags (slug, name, type, aliases) VALUES ($1, $2, $3, $4) RETURNING id`, [
      tag.slug,
      tag.name,
      tag.type,
      tag.aliases,
    ]);
    return defined(row, 'tag row').id;
  }

  /** The old slug redirects to the tag from now on; the new one stops redirecting anywhere. */
  async moveSlug(tx: Db, id: string, from: string, to: string): Promise<void> {
    await exec(tx, `DELETE FROM tag_redirects WHERE slug = $1`, [to]);
    await exec(tx, `INSERT INTO tag_redirects (slug, tag_id) VALUES ($1, $2)`, [from, id]);
  }

  /** Sets the given fields (the others stay) and bumps the version. */
  update(tx: Db, id: string, fields: Partial<TagFields>): Promise<void> {
    return exec(
      tx,
      `UPDATE tags SET name = COALESCE($2, name), slug = COALESCE($3, slug), type = COALESCE($4, type), aliases = COALESCE($5, aliases),
              version = version + 1, updated_at = now() WHERE id = $1`,
      [id, fields.name ?? null, fields.slug ?? null, fields.type ?? null, fields.aliases ?? null],
    );
  }

  /**
   * Merges tag `id` into `intoId` once its stories carry the survivor (StoriesRepository.retag):
   * `names` become the survivor's aliases, its redirects and its slug point at the survivor, and it
   * is deleted (its own story_tags rows with it).
   */
  async merge(tx: Db, id: string, intoId: string, slug: string, names: string[]): Promise<void> {
    await exec(
      tx,
      `UPDATE tags SET aliases = (SELECT coalesce(array_agg(DISTINCT a), '{}') FROM unnest(aliases || $2::text[]) a WHERE lower(a) <> lower(name)),
              version = version + 1, updated_at = now() WHERE id = $1`,
      [intoId, names],
    );
    await exec(tx, `UPDATE tag_redirects SET tag_id = $2 WHERE tag_id = $1`, [id, intoId]);
    await exec(tx, `DELETE FROM tags WHERE id = $1`, [id]);
    await exec(tx, `INSERT INTO tag_redirects (slug, tag_id) VALUES ($1, $2)`, [slug, intoId]);
  }

  /** Every tag, as tag suggestions match them. */
  candidates(tx: Db = this.db): Promise<CandidateTagRow[]> {
    return rows<CandidateTagRow>(tx, `SELECT id, slug, name, type, aliases FROM tags`);
  }

  /** The ids of the tags that exist among `ids`. */
  async existing(tx: Db, ids: string[]): Promise<string[]> {
    return (await rows<{ id: string }>(tx, `SELECT id FROM tags WHERE id = ANY($1::uuid[])`, [ids])).map((row) => row.id);
  }
}
