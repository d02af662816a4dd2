import type { Person } from '@newsdesk/contracts';
import { PERSON_COLUMNS, type PersonRow } from './people.repository.js';

/** Row mapping of people, shared by the people and correspondents services. The SQL is in people.repository.ts. */

export { PERSON_COLUMNS, PERSON_SELECT, freePersonSlug, insertPerson, type NewPerson, type PersonRow } from './people.repository.js';

export function toPersonDto(row: PersonRow): Person {
  return {
    id: row.id,
    slug: row.slug,
    displayName: row.display_name,
    givenName: row.given_name,
    familyName: row.family_name,
    labelTitle: row.label_title,
    affiliation: row.affiliation,
    aliases: row.aliases,
    wordsPerMinute: row.words_per_minute,
    isStaff: row.correspondent_id !== null,
    correspondentId: row.correspondent_id,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Audited columns, named in the diff by their contract field. */
export const PERSON_AUDITED: Record<string, string> = Object.fromEntries(
  Object.entries(PERSON_COLUMNS).map(([field, column]) => [column, field]),
);
