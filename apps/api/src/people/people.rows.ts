import { slugify, type Person } from '@newsdesk/contracts';
import type { EntityManager } from 'typeorm';
import { ValidationError } from '../common/errors.js';
import { likeEscape } from '../common/sql.js';
import { personSearchKeys, sortName, type NamedPerson } from './person-names.js';

/** SQL and row mapping of people, shared by the people and correspondents services. */

export interface PersonRow {
  id: string; slug: string; display_name: string; given_name: string; family_name: string; label_title: string | null;
  affiliation: string; aliases: string[]; sort_name: string; version: number; created_at: Date; updated_at: Date;
  correspondent_id: string | null;
}

export const PERSON_SELECT = `SELECT p.*, c.id AS correspondent_id FROM people p LEFT JOIN correspondents c ON c.person_id = p.id`;

export function toPersonDto(row: PersonRow): Person {
  return {
    id: row.id, slug: row.slug, displayName: row.display_name, givenName: row.given_name, familyName: row.family_name,
    labelTitle: row.label_title, affiliation: row.affiliation, aliases: row.aliases, isStaff: row.correspondent_id !== null,
    correspondentId: row.correspondent_id, version: row.version, createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString(),
  };
}

/** Person fields and their columns (what a write may set). */
export const PERSON_COLUMNS: Record<string, string> = {
  displayName: 'display_name', givenName: 'given_name', familyName: 'family_name', labelTitle: 'label_title',
  affiliation: 'affiliation', aliases: 'aliases', slug: 'slug',
};
/** Audited columns, named in the diff by their contract field. */
export const PERSON_AUDITED: Record<string, string> = Object.fromEntries(Object.entries(PERSON_COLUMNS).map(([field, column]) => [column, field]));

export async function lockPerson(tx: EntityManager, id: string): Promise<PersonRow | null> {
  const [row]: PersonRow[] = await tx.query(`${PERSON_SELECT} WHERE p.id = $1 FOR UPDATE OF p`, [id]);
  return row ?? null;
}

/** Replaces a person's search keys after a change of names or aliases. */
export async function writeSearchKeys(tx: EntityManager, personId: string, person: NamedPerson): Promise<void> {
  const keys = personSearchKeys(person);
  await tx.query(`DELETE FROM person_search_keys WHERE person_id = $1`, [personId]);
  await tx.query(
    `INSERT INTO person_search_keys (person_id, name_key, tier) SELECT $1, k, t FROM unnest($2::text[], $3::smallint[]) AS u(k, t)`,
    [personId, keys.map((entry) => entry.key), keys.map((entry) => entry.tier)],
  );
}

/** 400 naming `slug` when another person uses it, or it still redirects to another person. */
export async function assertPersonSlugFree(tx: EntityManager, slug: string, exceptId: string | null): Promise<void> {
  const [taken]: Array<{ display_name: string }> = await tx.query(
    `SELECT p.display_name FROM people p WHERE p.slug = $1 AND p.id IS DISTINCT FROM $2
     UNION ALL
     SELECT p.display_name FROM person_slug_redirects r JOIN people p ON p.id = r.person_id WHERE r.old_slug = $1 AND r.person_id IS DISTINCT FROM $2
     LIMIT 1`,
    [slug, exceptId],
  );
  if (taken) throw new ValidationError([{ field: 'slug', message: `The slug "${slug}" is already used by ${taken.display_name}` }]);
}

/** A free slug from a name: the name's slug, or with -2, -3 ... when taken. */
export async function freePersonSlug(tx: EntityManager, name: string): Promise<string> {
  const base = slugify(name) || 'person';
  const rows: Array<{ slug: string }> = await tx.query(
    `SELECT slug FROM people WHERE slug = $1 OR slug LIKE $2 UNION SELECT old_slug FROM person_slug_redirects WHERE old_slug = $1 OR old_slug LIKE $2`,
    [base, `${likeEscape(base)}-%`],
  );
  const used = new Set(rows.map((row) => row.slug));
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

export interface NewPerson extends NamedPerson {
  slug: string;
  labelTitle: string | null;
  affiliation: string;
}

export async function insertPerson(tx: EntityManager, person: NewPerson, actorId: string | null): Promise<PersonRow> {
  const [row]: PersonRow[] = await tx.query(
    `INSERT INTO people (slug, display_name, given_name, family_name, label_title, affiliation, aliases, sort_name, created_by, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING *, NULL::uuid AS correspondent_id`,
    [person.slug, person.displayName, person.givenName, person.familyName, person.labelTitle, person.affiliation, person.aliases, sortName(person), actorId],
  );
  await writeSearchKeys(tx, row!.id, person);
  return row!;
}
