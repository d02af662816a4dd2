import { Injectable } from '@nestjs/common';
import type { CorrespondentStatus, SocialLink } from '@newsdesk/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { exec, one, rows, type Db } from '../common/db.js';
import { likeEscape } from '../common/sql.js';

/** A correspondent's profile with their person's names. */
export type CorrespondentRow = {
  id: string;
  person_id: string;
  slug: string;
  title: string;
  bureau: string;
  bio_html: string;
  photo_id: string | null;
  beats: string[];
  email: string | null;
  social_links: SocialLink[];
  active: boolean;
  status: CorrespondentStatus;
  published_at: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  display_name: string;
  given_name: string;
  family_name: string;
  sort_name: string;
  old_slugs: string[];
};

export const CORRESPONDENT_SELECT = `
  SELECT c.*, p.display_name, p.given_name, p.family_name, p.sort_name,
         ARRAY(SELECT r.old_slug FROM correspondent_slug_redirects r WHERE r.correspondent_id = c.id ORDER BY r.created_at, r.old_slug) AS old_slugs
    FROM correspondents c JOIN people p ON p.id = c.person_id`;

/** Profile fields and their columns (what a write may set on the correspondents row). */
export const CORRESPONDENT_COLUMNS: Record<string, string> = {
  slug: 'slug',
  title: 'title',
  bureau: 'bureau',
  bio: 'bio_html',
  photoId: 'photo_id',
  beats: 'beats',
  email: 'email',
  socialLinks: 'social_links',
  active: 'active',
  status: 'status',
  publishedAt: 'published_at',
};

/** A column value as the pg driver wants it (jsonb as JSON text). */
export function columnValue(field: string, value: unknown): unknown {
  return field === 'socialLinks' ? JSON.stringify(value) : value;
}

export interface CorrespondentFilter {
  limit: number;
  q: string | null;
  status: CorrespondentStatus | null;
  active: boolean | null;
  after: readonly [string, string] | null;
}

export interface NewCorrespondent {
  personId: string;
  slug: string;
  title: string;
  bureau: string;
  bioHtml: string;
  photoId: string | null;
  beats: string[];
  email: string | null;
  socialLinks: SocialLink[];
  active: boolean;
}

/** Every SQL statement of correspondents' profiles (and their slug redirects). */
@Injectable()
export class CorrespondentsRepository {
  constructor(private readonly db: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  list(filter: CorrespondentFilter, tx: Db = this.db): Promise<CorrespondentRow[]> {
    return rows<CorrespondentRow>(
      tx,
      `${CORRESPONDENT_SELECT}
        WHERE ($2::text IS NULL OR p.display_name ILIKE $2 OR c.title ILIKE $2 OR c.bureau ILIKE $2)
          AND ($3::text IS NULL OR c.status = $3) AND ($4::boolean IS NULL OR c.active = $4)
          AND ($5::text IS NULL OR (p.sort_name, c.id) > ($5::text COLLATE "C", $6::uuid))
        ORDER BY p.sort_name, c.id LIMIT $1`,
      [
        filter.limit,
        filter.q ? `%${likeEscape(filter.q)}%` : null,
        filter.status,
        filter.active,
        filter.after?.[0] ?? null,
        filter.after?.[1] ?? null,
      ],
    );
  }

  find(id: string, tx: Db = this.db): Promise<CorrespondentRow | undefined> {
    return one<CorrespondentRow>(tx, `${CORRESPONDENT_SELECT} WHERE c.id = $1`, [id]);
  }

  /** SELECT ... FOR UPDATE of the profile (not its person: lock the person first, see CorrespondentsService). */
  lock(tx: Db, id: string): Promise<CorrespondentRow | undefined> {
    return one<CorrespondentRow>(tx, `${CORRESPONDENT_SELECT} WHERE c.id = $1 FOR UPDATE OF c`, [id]);
  }

  /** The person a profile belongs to (unlocked read, to lock that person first). */
  /** The ids among `ids` of correspondents that exist (departed ones too): a story's bylines. */
  async existingIds(tx: Db, ids: string[]): Promise<string[]> {
    return (await rows<{ id: string }>(tx, `SELECT id FROM correspondents WHERE id = ANY($1::uuid[])`, [ids])).map((row) => row.id);
  }

  async personIdOf(tx: Db, id: string): Promise<string | undefined> {
    return (await one<{ person_id: string }>(tx, `SELECT person_id FROM correspondents WHERE id = $1`, [id]))?.person_id;
  }

  /** Who else uses `slug` (`redirect`: as an old slug that still redirects to them), if anyone. */
  slugHolder(tx: Db, slug: string, exceptId: string | null): Promise<{ name: string; redirect: boolean } | undefined> {
    return one<{ name: string; redirect: boolean }>(
      tx,
      `SELECT p.display_name AS name, false AS redirect FROM correspondents c JOIN people p ON p.id = c.person_id
        WHERE c.slug = $1 AND c.id IS DISTINCT FROM $2
       UNION ALL
       SELECT p.display_name, true FROM correspondent_slug_redirects r JOIN correspondents c ON c.id = r.correspondent_id JOIN people p ON p.id = c.person_id
        WHERE r.old_slug = $1 AND r.correspondent_id IS DISTINCT FROM $2
       LIMIT 1`,
      [slug, exceptId],
    );
  }

  /** Slugs (current or redirecting) equal to `base` or starting with `base-`. */
  async slugsLike(tx: Db, base: string): Promise<Set<string>> {
    const taken = await rows<{ slug: string }>(
      tx,
      `SELECT slug FROM correspondents WHERE slug = $1 OR slug LIKE $2
       UNION SELECT old_slug FROM correspondent_slug_redirects WHERE old_slug = $1 OR old_slug LIKE $2`,
      [base, `${likeEscape(base)}-%`],
    );
    return new Set(taken.map((row) => row.slug));
  }

  /**
   * Stories that carry this correspondent's byline (the first few, and how many in all). The
   * stories feature owns these tables: this read moves behind its repository when it offers one.
   */
  async bylinedStories(tx: Db, correspondentId: string): Promise<{ total: number; headlines: string[] }> {
    const found = await rows<{ headline: string; total: string }>(
      tx,
      `SELECT s.headline, count(*) OVER () AS total FROM story_bylines b JOIN stories s ON s.id = b.story_id
        WHERE b.correspondent_id = $1 ORDER BY s.updated_at DESC, s.id LIMIT 5`,
      [correspondentId],
    );
    return { total: Number(found[0]?.total ?? 0), headlines: found.map((row) => row.headline) };
  }

  async insert(tx: Db, profile: NewCorrespondent, actorId: string | null): Promise<string> {
    const row = await one<{ id: string }>(
      tx,
      `INSERT INTO correspondents (person_id, slug, title, bureau, bio_html, photo_id, beats, email, social_links, active, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id`,
      [
        profile.personId,
        profile.slug,
        profile.title,
        profile.bureau,
        profile.bioHtml,
        profile.photoId,
        profile.beats,
        profile.email,
        JSON.stringify(profile.socialLinks),
        profile.active,
        actorId,
      ],
    );
    if (!row) throw new Error('INSERT INTO correspondents returned no row');
    return row.id;
  }

  /** Sets the given columns (contract field -> value, see CORRESPONDENT_COLUMNS), version + 1. */
  async update(tx: Db, id: string, changes: ReadonlyArray<[string, unknown]>, actorId: string | null): Promise<void> {
    await exec(
      tx,
      `UPDATE correspondents SET ${[...changes.map(([field], i) => `${CORRESPONDENT_COLUMNS[field]} = $${i + 3}`), 'version = version + 1', 'updated_at = now()', 'updated_by = $2'].join(', ')}
        WHERE id = $1`,
      [id, actorId, ...changes.map(([field, value]) => columnValue(field, value))],
    );
  }

  /** A new slug is no longer a redirect of this profile; the old one becomes one when `keepOld` (the profile was published). */
  async redirectSlug(tx: Db, id: string, oldSlug: string, newSlug: string, keepOld: boolean): Promise<void> {
    await exec(tx, `DELETE FROM correspondent_slug_redirects WHERE old_slug = $1 AND correspondent_id = $2`, [newSlug, id]);
    if (keepOld) await exec(tx, `INSERT INTO correspondent_slug_redirects (old_slug, correspondent_id) VALUES ($1, $2)`, [oldSlug, id]);
  }

  async delete(tx: Db, id: string): Promise<void> {
    await exec(tx, `DELETE FROM correspondents WHERE id = $1`, [id]);
  }

  /** version + 1 (the profile shows its person's names, which changed). */
  async bumpVersion(tx: Db, id: string, actorId: string | null): Promise<void> {
    await exec(tx, `UPDATE correspondents SET version = version + 1, updated_at = now(), updated_by = $2 WHERE id = $1`, [id, actorId]);
  }

  /** A merge moves the duplicate person's profile to the survivor. */
  async relinkPerson(tx: Db, fromPersonId: string, toPersonId: string): Promise<void> {
    await exec(tx, `UPDATE correspondents SET person_id = $2, version = version + 1, updated_at = now() WHERE person_id = $1`, [
      fromPersonId,
      toPersonId,
    ]);
  }

  /** Whether a published profile shows this image. */
  async photoInPublishedUse(tx: Db, mediaId: string): Promise<boolean> {
    return Boolean(
      await one<{ one: number }>(tx, `SELECT 1 AS one FROM correspondents WHERE photo_id = $1 AND status = 'published' LIMIT 1`, [mediaId]),
    );
  }
}
