import { Injectable } from '@nestjs/common';
import {
  can, normalizeName, slugify, splitName, toTranscriptPerson,
  type CreatePersonInput, type ListPeopleQuery, type Person, type PersonPage, type TranscriptPerson, type UpdatePersonInput,
} from '@newsdesk/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { compactDiff } from '../audit/audit.diff.js';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { ForbiddenError, NotFoundError, StaleVersionError, ValidationError } from '../common/errors.js';
import { decodeNameCursor, encodeCursor } from '../common/cursor.js';
import { rerenderTranscriptsOf } from '../transcripts/transcript-rows.js';
import { prefixRange, sortName } from './person-names.js';
import {
  PERSON_AUDITED, PERSON_COLUMNS, PERSON_SELECT, assertPersonSlugFree, freePersonSlug, insertPerson, lockPerson, toPersonDto,
  writeSearchKeys, type PersonRow,
} from './people.rows.js';

const NAME_FIELDS = ['displayName', 'givenName', 'familyName'] as const;

const tier = (n: number) => `(SELECT person_id, name_key, ${n} AS tier FROM person_search_keys
    WHERE tier = ${n} AND name_key >= $1 AND ($2::text IS NULL OR name_key < $2) ORDER BY name_key LIMIT $3)`;

/**
 * Ranked prefix search, one statement: per tier, the first keys in the prefix's range (a btree
 * range scan on (tier, name_key) that stops after `limit * 3` rows, however common the prefix),
 * each person's best key, then the ranking: exact key, tier, name.
 * Parameters: see peopleSearchParams.
 */
export const PEOPLE_SEARCH_SQL = `WITH candidates AS (${tier(1)} UNION ALL ${tier(2)} UNION ALL ${tier(3)}),
   best AS (
     SELECT DISTINCT ON (person_id) person_id, tier, name_key = $1 AS exact
       FROM candidates ORDER BY person_id, name_key = $1 DESC, tier)
   ${PERSON_SELECT} JOIN best b ON b.person_id = p.id
    WHERE ($5::boolean IS NULL OR (c.id IS NOT NULL) = $5)
    ORDER BY b.exact DESC, b.tier, p.sort_name, p.id
    LIMIT $4`;

export function peopleSearchParams(q: string, limit: number, staff: boolean | null): unknown[] {
  const { low, high } = prefixRange(normalizeName(q));
  return [low, high, limit * 3, limit, staff];
}

@Injectable()
export class PeopleService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Without `q`: everyone by family name, keyset-paged. With `q`: one ranked page of prefix/alias matches. */
  async list(query: ListPeopleQuery): Promise<PersonPage> {
    const staff = query.staff === undefined ? null : query.staff === 'true';
    if (query.q !== undefined && normalizeName(query.q) !== '') return { items: await this.search(query.q, query.limit, staff), nextCursor: null };
    const after = query.cursor ? decodeNameCursor(query.cursor) : null;
    const rows: PersonRow[] = await this.db.query(
      `${PERSON_SELECT}
        WHERE ($2::boolean IS NULL OR (c.id IS NOT NULL) = $2)
          AND ($3::text IS NULL OR (p.sort_name, p.id) > ($3::text COLLATE "C", $4::uuid))
        ORDER BY p.sort_name, p.id LIMIT $1`,
      [query.limit + 1, staff, after?.[0] ?? null, after?.[1] ?? null],
    );
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return { items: page.map(toPersonDto), nextCursor: rows.length > query.limit && last ? encodeCursor([last.sort_name, last.id]) : null };
  }

  /** Ranked prefix search over names and aliases (see PEOPLE_SEARCH_SQL). */
  async search(q: string, limit: number, staff: boolean | null = null): Promise<Person[]> {
    const rows: PersonRow[] = await this.db.query(PEOPLE_SEARCH_SQL, peopleSearchParams(q, limit, staff));
    return rows.map(toPersonDto);
  }

  async get(id: string, tx: EntityManager = this.db.manager): Promise<Person> {
    const [row]: PersonRow[] = await tx.query(`${PERSON_SELECT} WHERE p.id = $1`, [id]);
    if (!row) throw new NotFoundError('Person');
    return toPersonDto(row);
  }

  /**
   * People whose folded display name, "given family" name, family name or alias is one of
   * `foldedNames`: what the transcript resolver asks for (`candidateNames`), as TranscriptPersons.
   */
  async transcriptPeopleByNames(foldedNames: readonly string[], tx: EntityManager = this.db.manager): Promise<TranscriptPerson[]> {
    if (!foldedNames.length) return [];
    const rows: PersonRow[] = await tx.query(
      `${PERSON_SELECT} WHERE p.id IN (SELECT person_id FROM person_search_keys WHERE name_key = ANY($1::text[]))`,
      [[...new Set(foldedNames)]],
    );
    return rows.map((row) => toTranscriptPerson(toPersonDto(row)));
  }

  async create(input: CreatePersonInput, actor: Principal): Promise<Person> {
    const split = splitName(input.displayName);
    const givenName = input.givenName ?? split.givenName;
    const familyName = input.familyName || split.familyName;
    if (!familyName) throw new ValidationError([{ field: 'familyName', message: 'A family name is required' }]);
    if (input.slug === '' && !slugify(input.displayName)) {
      throw new ValidationError([{ field: 'slug', message: 'The name has no letters or digits to derive a slug from; enter a slug' }]);
    }
    const id = await this.db.transaction(async (tx) => {
      let slug = input.slug || '';
      if (slug) await assertPersonSlugFree(tx, slug, null);
      else slug = await freePersonSlug(tx, input.displayName);
      const row = await insertPerson(tx, {
        slug, displayName: input.displayName, givenName, familyName,
        labelTitle: (input.labelTitle as string | null | undefined) ?? null, affiliation: input.affiliation ?? '', aliases: input.aliases ?? [],
      }, actor.userId);
      await this.audit.record(tx, { actor, action: 'create', entity: 'person', entityId: row.id, diff: compactDiff(null, row as unknown as Record<string, unknown>, PERSON_AUDITED) });
      return row.id;
    });
    return this.get(id);
  }

  /**
   * Versioned edit. A staff person's names belong to their correspondent profile: changing them
   * here needs `correspondent.write`, and bumps the profile's version too (both stay in sync).
   */
  async update(id: string, input: UpdatePersonInput, actor: Principal): Promise<Person> {
    await this.db.transaction(async (tx) => {
      const before = await lockPerson(tx, id);
      if (!before) throw new NotFoundError('Person');
      if (before.version !== input.version) throw new StaleVersionError('person', before.version);
      const changes: Record<string, unknown> = {};
      for (const field of Object.keys(PERSON_COLUMNS)) {
        const value = input[field as keyof UpdatePersonInput];
        if (value !== undefined && JSON.stringify(value) !== JSON.stringify(before[PERSON_COLUMNS[field] as keyof PersonRow])) changes[field] = value;
      }
      const renamed = NAME_FIELDS.some((field) => field in changes);
      if (renamed && before.correspondent_id && !can(actor.roles, 'correspondent.write')) {
        throw new ForbiddenError('This person has a correspondent profile: their name is changed on the profile, by an admin.');
      }
      if (changes.slug) await assertPersonSlugFree(tx, changes.slug as string, id);
      await applyPersonChanges(tx, before, changes, actor);
      await this.audit.record(tx, { actor, action: 'update', entity: 'person', entityId: id, diff: compactDiff(before as unknown as Record<string, unknown>, await rowOf(tx, id), PERSON_AUDITED) });
    });
    return this.get(id);
  }
}

async function rowOf(tx: EntityManager, id: string): Promise<Record<string, unknown>> {
  const [row]: PersonRow[] = await tx.query(`${PERSON_SELECT} WHERE p.id = $1`, [id]);
  return row as unknown as Record<string, unknown>;
}

/**
 * Writes changed person fields (version + 1), keeping what depends on them in step: the search
 * keys and sort name, a redirect from the old slug, and the linked profile's version (unless the
 * caller is the profile's own write, which bumps it once itself).
 */
export async function applyPersonChanges(
  tx: EntityManager, before: PersonRow, changes: Record<string, unknown>, actor: Principal, options: { bumpProfile: boolean } = { bumpProfile: true },
): Promise<void> {
  const entries = Object.entries(changes).filter(([field]) => field in PERSON_COLUMNS);
  const names = {
    displayName: (changes.displayName as string | undefined) ?? before.display_name,
    givenName: (changes.givenName as string | undefined) ?? before.given_name,
    familyName: (changes.familyName as string | undefined) ?? before.family_name,
    aliases: (changes.aliases as string[] | undefined) ?? before.aliases,
  };
  const sets = entries.map(([field], i) => `${PERSON_COLUMNS[field]} = $${i + 4}`);
  await tx.query(
    `UPDATE people SET ${[...sets, 'sort_name = $3', 'version = version + 1', 'updated_at = now()', 'updated_by = $2'].join(', ')} WHERE id = $1`,
    [before.id, actor.userId, sortName(names), ...entries.map(([, value]) => value)],
  );
  if (['displayName', 'givenName', 'familyName', 'aliases'].some((field) => field in changes)) await writeSearchKeys(tx, before.id, names);
  if (changes.slug && changes.slug !== before.slug) {
    await tx.query(`DELETE FROM person_slug_redirects WHERE old_slug = $1`, [changes.slug]);
    await tx.query(`INSERT INTO person_slug_redirects (old_slug, person_id) VALUES ($1, $2) ON CONFLICT (old_slug) DO UPDATE SET person_id = $2`, [before.slug, before.id]);
  }
  // The broadcast labels of every story they speak in are rendered from their names.
  if (NAME_FIELDS.some((field) => field in changes)) await rerenderTranscriptsOf(tx, before.id);
  if (options.bumpProfile && before.correspondent_id && NAME_FIELDS.some((field) => field in changes)) {
    await tx.query(`UPDATE correspondents SET version = version + 1, updated_at = now(), updated_by = $2 WHERE id = $1`, [before.correspondent_id, actor.userId]);
  }
}
