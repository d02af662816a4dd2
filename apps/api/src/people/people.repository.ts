import { Injectable } from '@nestjs/common';
import { slugify } from '@newsdesk/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { exec, one, rows, type Db } from '../common/db.js';
import { likeEscape } from '../common/sql.js';
import { personSearchKeys, sortName, type NamedPerson } from './person-names.js';

/** A person with their correspondent profile's id (null for someone without one). */
export type PersonRow = {
  id: string;
  slug: string;
  display_name: string;
  given_name: string;
  family_name: string;
  label_title: string | null;
  affiliation: string;
  aliases: string[];
  words_per_minute: number | null;
  sort_name: string;
  version: number;
  created_at: Date;
  updated_at: Date;
  correspondent_id: string | null;
};

export const PERSON_SELECT = `SELECT p.*, c.id AS correspondent_id FROM people p LEFT JOIN correspondents c ON c.person_id = p.id`;

/** Person fields and their columns (what a write may set). */
export const PERSON_COLUMNS: Record<string, string> = {
  displayName: 'display_name',
  givenName: 'given_name',
  familyName: 'family_name',
  labelTitle: 'label_title',
  affiliation: 'affiliation',
  aliases: 'aliases',
  wordsPerMinute: 'words_per_minute',
  slug: 'slug',
};

const tier = (n: number) => `(SELECT person_id, name_key, ${n} AS tier FROM person_search_keys
    WHERE tier = ${n} AND name_key >= $1 AND ($2::text IS NULL OR name_key < $2) ORDER BY name_key LIMIT $3)`;

/**
 * Ranked prefix search, one statement: per tier, the first keys in the prefix's range (a btree
 * range scan on (tier, name_key) that stops after `limit * 3` rows, however common the prefix),
 * each person's best key, then the ranking: exact key, tier, name.
 * Parameters: see peopleSearchParams (people.service.ts).
 */
export const PEOPLE_SEARCH_SQL = `WITH candidates AS (${tier(1)} UNION ALL ${tier(2)} UNION ALL ${tier(3)}),
   best AS (
     SELECT DISTINCT ON (person_id) person_id, tier, name_key = $1 AS exact
       FROM candidates ORDER BY person_id, name_key = $1 DESC, tier)
   ${PERSON_SELECT} JOIN best b ON b.person_id = p.id
    WHERE ($5::boolean IS NULL OR (c.id IS NOT NULL) = $5)
    ORDER BY b.exact DESC, b.tier, p.sort_name, p.id
    LIMIT $4`;

export interface NewPerson extends NamedPerson {
  slug: string;
  labelTitle: string | null;
  affiliation: string;
  /** A host's own reading pace (null: the program's). */
  wordsPerMinute?: number | null;
}

/** Replaces a person's search keys after a change of names or aliases. */
export async function writeSearchKeys(db: Db, personId: string, person: NamedPerson): Promise<void> {
  const keys = personSearchKeys(person);
  await exec(db, `DELETE FROM person_search_keys WHERE person_id = $1`, [personId]);
  await exec(
    db,
    `INSERT INTO person_search_keys (person_id, name_key, tier) SELECT $1, k, t FROM unnest($2::text[], $3::smallint[]) AS u(k, t)`,
    [personId, keys.map((entry) => entry.key), keys.map((entry) => entry.tier)],
  );
}

/** A free slug from a name: the name's slug, or with -2, -3 ... when taken. */
export async function freePersonSlug(db: Db, name: string): Promise<string> {
  const base = slugify(name) || 'person';
  const taken = await rows<{ slug: string }>(
    db,
    `SELECT slug FROM people WHERE slug = $1 OR slug LIKE $2 UNION SELECT old_slug FROM person_slug_redirects WHERE old_slug = $1 OR old_slug LIKE $2`,
    [base, `${likeEscape(base)}-%`],
  );
  const used = new Set(taken.map((row) => row.slug));
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

export async function insertPerson(db: Db, person: NewPerson, actorId: string | null): Promise<PersonRow> {
  const row = await one<PersonRow>(
    db,
    `INSERT INTO people (slug, display_name, given_name, family_name, label_title, affiliation, aliases, sort_name, created_by, updated_by, words_per_minute)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10) RETURNING *, NULL::uuid AS correspondent_id`,
    [
      person.slug,
      person.displayName,
      person.givenName,
      person.familyName,
      person.labelTitle,
      person.affiliation,
      person.aliases,
      sortName(person),
      actorId,
      person.wordsPerMinute ?? null,
    ],
  );
  if (!row) throw new Error('INSERT INTO people returned no row');
  await writeSearchKeys(db, row.id, person);
  return row;
}

/** Every SQL statement of the people registry (people, their search keys, slug redirects and merges). */
@Injectable()
export class PeopleRepository {
  constructor(private readonly db: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** Everyone by sort name, keyset-paged after (sortName, id); `staff` filters on having a profile. */
  list(limit: number, staff: boolean | null, after: readonly [string, string] | null, tx: Db = this.db): Promise<PersonRow[]> {
    return rows<PersonRow>(
      tx,
      `${PERSON_SELECT}
        WHERE ($2::boolean IS NULL OR (c.id IS NOT NULL) = $2)
          AND ($3::text IS NULL OR (p.sort_name, p.id) > ($3::text COLLATE "C", $4::uuid))
        ORDER BY p.sort_name, p.id LIMIT $1`,
      [limit, staff, after?.[0] ?? null, after?.[1] ?? null],
    );
  }

  search(params: readonly unknown[], tx: Db = this.db): Promise<PersonRow[]> {
    return rows<PersonRow>(tx, PEOPLE_SEARCH_SQL, params);
  }

  find(id: string, tx: Db = this.db): Promise<PersonRow | undefined> {
    return one<PersonRow>(tx, `${PERSON_SELECT} WHERE p.id = $1`, [id]);
  }

  /** SELECT ... FOR UPDATE of the person. */
  lock(tx: Db, id: string): Promise<PersonRow | undefined> {
    return one<PersonRow>(tx, `${PERSON_SELECT} WHERE p.id = $1 FOR UPDATE OF p`, [id]);
  }

  /** Locks several people in id order (two merges crossing each other cannot deadlock). */
  lockMany(tx: Db, ids: readonly string[]): Promise<PersonRow[]> {
    return rows<PersonRow>(tx, `${PERSON_SELECT} WHERE p.id = ANY($1::uuid[]) ORDER BY p.id FOR UPDATE OF p`, [[...ids]]);
  }

  /** People with a search key among `foldedNames`. */
  byNameKeys(foldedNames: readonly string[], tx: Db = this.db): Promise<PersonRow[]> {
    return rows<PersonRow>(
      tx,
      `${PERSON_SELECT} WHERE p.id IN (SELECT person_id FROM person_search_keys WHERE name_key = ANY($1::text[]))`,
      [[...foldedNames]],
    );
  }

  /** Display name of whoever else uses `slug` (or is redirected to from it), if anyone. */
  async slugHolder(tx: Db, slug: string, exceptId: string | null): Promise<string | undefined> {
    const taken = await one<{ display_name: string }>(
      tx,
      `SELECT p.display_name FROM people p WHERE p.slug = $1 AND p.id IS DISTINCT FROM $2
       UNION ALL
       SELECT p.display_name FROM person_slug_redirects r JOIN people p ON p.id = r.person_id WHERE r.old_slug = $1 AND r.person_id IS DISTINCT FROM $2
       LIMIT 1`,
      [slug, exceptId],
    );
    return taken?.display_name;
  }

  freeSlug(tx: Db, name: string): Promise<string> {
    return freePersonSlug(tx, name);
  }

  insert(tx: Db, person: NewPerson, actorId: string | null): Promise<PersonRow> {
    return insertPerson(tx, person, actorId);
  }

  writeSearchKeys(tx: Db, personId: string, person: NamedPerson): Promise<void> {
    return writeSearchKeys(tx, personId, person);
  }

  /** Sets the given columns (contract field -> value, see PERSON_COLUMNS) and the sort name, version + 1. */
  async update(tx: Db, id: string, changes: ReadonlyArray<[string, unknown]>, sort: string, actorId: string | null): Promise<void> {
    const sets = changes.map(([field], i) => `${PERSON_COLUMNS[field]} = $${i + 4}`);
    await exec(
      tx,
      `UPDATE people SET ${[...sets, 'sort_name = $3', 'version = version + 1', 'updated_at = now()', 'updated_by = $2'].join(', ')} WHERE id = $1`,
      [id, actorId, sort, ...changes.map(([, value]) => value)],
    );
  }

  /** The old slug leads to the person from now on (and `newSlug` is no longer anybody's redirect). */
  async redirectSlug(tx: Db, personId: string, oldSlug: string, newSlug: string): Promise<void> {
    await exec(tx, `DELETE FROM person_slug_redirects WHERE old_slug = $1`, [newSlug]);
    await exec(
      tx,
      `INSERT INTO person_slug_redirects (old_slug, person_id) VALUES ($1, $2) ON CONFLICT (old_slug) DO UPDATE SET person_id = $2`,
      [oldSlug, personId],
    );
  }

  /** The survivor of a merge takes the duplicate's aliases and fills its empty title, affiliation and reading pace; version + 1. */
  async absorb(
    tx: Db,
    survivorId: string,
    aliases: string[],
    duplicate: Pick<PersonRow, 'label_title' | 'affiliation' | 'words_per_minute'>,
    actorId: string | null,
  ): Promise<void> {
    await exec(
      tx,
      `UPDATE people SET aliases = $2, label_title = COALESCE(label_title, $3), affiliation = CASE WHEN affiliation = '' THEN $4 ELSE affiliation END,
              words_per_minute = COALESCE(words_per_minute, $6),
              version = version + 1, updated_at = now(), updated_by = $5 WHERE id = $1`,
      [survivorId, aliases, duplicate.label_title, duplicate.affiliation, actorId, duplicate.words_per_minute],
    );
  }

  /** Rundown items read by the duplicate are read by the survivor (rundown_items.reader_id, issue 20). */
  async moveReaders(tx: Db, fromId: string, toId: string): Promise<void> {
    await exec(tx, `UPDATE rundown_items SET reader_id = $2 WHERE reader_id = $1`, [fromId, toId]);
  }

  /** The duplicate's slug and redirects lead to the survivor, then the duplicate is deleted. */
  async removeMerged(tx: Db, duplicate: Pick<PersonRow, 'id' | 'slug'>, survivorId: string): Promise<void> {
    await exec(tx, `UPDATE person_slug_redirects SET person_id = $2 WHERE person_id = $1`, [duplicate.id, survivorId]);
    await exec(tx, `INSERT INTO person_slug_redirects (old_slug, person_id) VALUES ($1, $2)`, [duplicate.slug, survivorId]);
    await exec(tx, `DELETE FROM people WHERE id = $1`, [duplicate.id]);
  }

  /** Ids the duplicate left behind (open editors, old revisions) lead to the survivor from now on. */
  async recordMerge(tx: Db, fromId: string, toId: string): Promise<void> {
    await exec(tx, `UPDATE person_merges SET into_id = $2 WHERE into_id = $1`, [fromId, toId]);
    await exec(
      tx,
      `INSERT INTO person_merges (from_id, into_id) VALUES ($1, $2) ON CONFLICT (from_id) DO UPDATE SET into_id = $2, merged_at = now()`,
      [fromId, toId],
    );
  }
}
