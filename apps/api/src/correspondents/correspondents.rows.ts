import { mediaPath, type Correspondent, type CorrespondentStatus, type CorrespondentSummary, type Media, type SocialLink } from '@newsdesk/contracts';
import type { EntityManager } from 'typeorm';
import { ValidationError } from '../common/errors.js';
import { likeEscape } from '../common/sql.js';

/** SQL and row mapping of correspondents (with their person's names). */

export interface CorrespondentRow {
  id: string; person_id: string; slug: string; title: string; bureau: string; bio_html: string; photo_id: string | null;
  beats: string[]; email: string | null; social_links: SocialLink[]; active: boolean; status: CorrespondentStatus;
  published_at: Date | null; version: number; created_at: Date; updated_at: Date;
  display_name: string; given_name: string; family_name: string; sort_name: string; old_slugs: string[];
}

export const CORRESPONDENT_SELECT = `
  SELECT c.*, p.display_name, p.given_name, p.family_name, p.sort_name,
         ARRAY(SELECT r.old_slug FROM correspondent_slug_redirects r WHERE r.correspondent_id = c.id ORDER BY r.created_at, r.old_slug) AS old_slugs
    FROM correspondents c JOIN people p ON p.id = c.person_id`;

export function toCorrespondentDto(row: CorrespondentRow, photo: Media | null): Correspondent {
  return {
    id: row.id, personId: row.person_id, slug: row.slug, name: row.display_name, givenName: row.given_name, familyName: row.family_name,
    title: row.title, bureau: row.bureau, bio: row.bio_html, photoId: row.photo_id, photo, beats: row.beats, email: row.email,
    socialLinks: row.social_links, active: row.active, status: row.status, publishedAt: row.published_at?.toISOString() ?? null,
    oldSlugs: row.old_slugs, version: row.version, createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString(),
  };
}

export function toCorrespondentSummary(row: CorrespondentRow): CorrespondentSummary {
  return {
    id: row.id, slug: row.slug, name: row.display_name, title: row.title, bureau: row.bureau, active: row.active, status: row.status,
    version: row.version, updatedAt: row.updated_at.toISOString(), photoUrl: row.photo_id ? mediaPath(row.photo_id) : null,
  };
}

/** Profile fields and their columns (what a write may set on the correspondents row). */
export const CORRESPONDENT_COLUMNS: Record<string, string> = {
  slug: 'slug', title: 'title', bureau: 'bureau', bio: 'bio_html', photoId: 'photo_id', beats: 'beats', email: 'email',
  socialLinks: 'social_links', active: 'active', status: 'status', publishedAt: 'published_at',
};
/** Audited columns (the profile's and its person's names), named in the diff by their contract field. */
export const CORRESPONDENT_AUDITED: Record<string, string> = {
  ...Object.fromEntries(Object.entries(CORRESPONDENT_COLUMNS).map(([field, column]) => [column, field])),
  display_name: 'name', given_name: 'givenName', family_name: 'familyName',
};

/** A column value as the pg driver wants it (jsonb as JSON text). */
export function columnValue(field: string, value: unknown): unknown {
  return field === 'socialLinks' ? JSON.stringify(value) : value;
}

/** 400 naming `slug` when another profile uses it, or it still redirects to another profile. */
export async function assertCorrespondentSlugFree(tx: EntityManager, slug: string, exceptId: string | null): Promise<void> {
  const [taken]: Array<{ name: string; redirect: boolean }> = await tx.query(
    `SELECT p.display_name AS name, false AS redirect FROM correspondents c JOIN people p ON p.id = c.person_id
      WHERE c.slug = $1 AND c.id IS DISTINCT FROM $2
     UNION ALL
     SELECT p.display_name, true FROM correspondent_slug_redirects r JOIN correspondents c ON c.id = r.correspondent_id JOIN people p ON p.id = c.person_id
      WHERE r.old_slug = $1 AND r.correspondent_id IS DISTINCT FROM $2
     LIMIT 1`,
    [slug, exceptId],
  );
  if (taken) {
    const message = taken.redirect
      ? `The slug "${slug}" was ${taken.name}'s and still redirects to their profile`
      : `The slug "${slug}" is already used by ${taken.name}`;
    throw new ValidationError([{ field: 'slug', message }]);
  }
}

/** A free profile slug derived from a name (-2, -3 ... when taken). */
export async function freeCorrespondentSlug(tx: EntityManager, base: string): Promise<string> {
  const rows: Array<{ slug: string }> = await tx.query(
    `SELECT slug FROM correspondents WHERE slug = $1 OR slug LIKE $2
     UNION SELECT old_slug FROM correspondent_slug_redirects WHERE old_slug = $1 OR old_slug LIKE $2`,
    [base, `${likeEscape(base)}-%`],
  );
  const used = new Set(rows.map((row) => row.slug));
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** Stories that carry this correspondent's byline (the first few, and how many in all). */
export async function bylinedStories(tx: EntityManager, correspondentId: string): Promise<{ total: number; headlines: string[] }> {
  const rows: Array<{ headline: string; total: string }> = await tx.query(
    `SELECT s.headline, count(*) OVER () AS total FROM story_bylines b JOIN stories s ON s.id = b.story_id
      WHERE b.correspondent_id = $1 ORDER BY s.updated_at DESC, s.id LIMIT 5`,
    [correspondentId],
  );
  return { total: Number(rows[0]?.total ?? 0), headlines: rows.map((row) => row.headline) };
}
