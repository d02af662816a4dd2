import { mediaPath, type Correspondent, type CorrespondentSummary, type Media } from '@newsdesk/contracts';
import { CORRESPONDENT_COLUMNS, type CorrespondentRow } from './correspondents.repository.js';

/** Row mapping of correspondents (with their person's names). The SQL is in correspondents.repository.ts. */

export { CORRESPONDENT_COLUMNS, CORRESPONDENT_SELECT, columnValue, type CorrespondentRow } from './correspondents.repository.js';

export function toCorrespondentDto(row: CorrespondentRow, photo: Media | null): Correspondent {
  return {
    id: row.id,
    personId: row.person_id,
    slug: row.slug,
    name: row.display_name,
    givenName: row.given_name,
    familyName: row.family_name,
    title: row.title,
    bureau: row.bureau,
    bio: row.bio_html,
    photoId: row.photo_id,
    photo,
    beats: row.beats,
    email: row.email,
    socialLinks: row.social_links,
    active: row.active,
    status: row.status,
    publishedAt: row.published_at?.toISOString() ?? null,
    oldSlugs: row.old_slugs,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function toCorrespondentSummary(row: CorrespondentRow): CorrespondentSummary {
  return {
    id: row.id,
    slug: row.slug,
    name: row.display_name,
    title: row.title,
    bureau: row.bureau,
    active: row.active,
    status: row.status,
    version: row.version,
    updatedAt: row.updated_at.toISOString(),
    photoUrl: row.photo_id ? mediaPath(row.photo_id) : null,
  };
}

/** Audited columns (the profile's and its person's names), named in the diff by their contract field. */
export const CORRESPONDENT_AUDITED: Record<string, string> = {
  ...Object.fromEntries(Object.entries(CORRESPONDENT_COLUMNS).map(([field, column]) => [column, field])),
  display_name: 'name',
  given_name: 'givenName',
  family_name: 'familyName',
};
