import { Injectable } from '@nestjs/common';
import {
  can,
  normalizeName,
  slugify,
  splitName,
  toTranscriptPerson,
  type CreatePersonInput,
  type ListPeopleQuery,
  type Person,
  type PersonPage,
  type TranscriptPerson,
  type UpdatePersonInput,
} from '@newsdesk/contracts';
import type { EntityManager } from 'typeorm';
import { compactDiff } from '../audit/audit.diff.js';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../common/errors.js';
import { decodeNameCursor, encodeCursor } from '../common/cursor.js';
import { VersionedWriter } from '../common/versioned-write.js';
import { CorrespondentsRepository } from '../correspondents/correspondents.repository.js';
import { rerenderTranscriptsOf } from '../transcripts/transcript-rows.js';
import { prefixRange, sortName } from './person-names.js';
import { PERSON_COLUMNS, PeopleRepository, type PersonRow } from './people.repository.js';
import { PERSON_AUDITED, toPersonDto } from './people.rows.js';

export { PEOPLE_SEARCH_SQL } from './people.repository.js';

const NAME_FIELDS = ['displayName', 'givenName', 'familyName'] as const;

/** The parameters of PEOPLE_SEARCH_SQL. */
export function peopleSearchParams(q: string, limit: number, staff: boolean | null): unknown[] {
  const { low, high } = prefixRange(normalizeName(q));
  return [low, high, limit * 3, limit, staff];
}

@Injectable()
export class PeopleService {
  constructor(
    private readonly people: PeopleRepository,
    private readonly profiles: CorrespondentsRepository,
    private readonly writer: VersionedWriter,
    private readonly audit: AuditService,
  ) {}

  /** Without `q`: everyone by family name, keyset-paged. With `q`: one ranked page of prefix/alias matches. */
  async list(query: ListPeopleQuery): Promise<PersonPage> {
    const staff = query.staff === undefined ? null : query.staff === 'true';
    if (query.q !== undefined && normalizeName(query.q) !== '')
      return { items: await this.search(query.q, query.limit, staff), nextCursor: null };
    const after = query.cursor ? decodeNameCursor(query.cursor) : null;
    const rows = await this.people.list(query.limit + 1, staff, after ? [after[0], after[1]] : null);
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return { items: page.map(toPersonDto), nextCursor: rows.length > query.limit && last ? encodeCursor([last.sort_name, last.id]) : null };
  }

  /** Ranked prefix search over names and aliases (see PEOPLE_SEARCH_SQL). */
  async search(q: string, limit: number, staff: boolean | null = null): Promise<Person[]> {
    return (await this.people.search(peopleSearchParams(q, limit, staff))).map(toPersonDto);
  }

  async get(id: string, tx?: EntityManager): Promise<Person> {
    const row = await this.people.find(id, tx);
    if (!row) throw new NotFoundError('Person');
    return toPersonDto(row);
  }

  /**
   * People whose folded display name, "given family" name, family name or alias is one of
   * `foldedNames`: what the transcript resolver asks for (`candidateNames`), as TranscriptPersons.
   */
  async transcriptPeopleByNames(foldedNames: readonly string[], tx?: EntityManager): Promise<TranscriptPerson[]> {
    if (!foldedNames.length) return [];
    const rows = await this.people.byNameKeys([...new Set(foldedNames)], tx);
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
    const { id } = await this.writer.create({
      entity: 'person',
      actor,
      audited: PERSON_AUDITED,
      insert: async (tx) => {
        let slug = input.slug || '';
        if (slug) await this.assertSlugFree(tx, slug, null);
        else slug = await this.people.freeSlug(tx, input.displayName);
        return this.people.insert(
          tx,
          {
            slug,
            displayName: input.displayName,
            givenName,
            familyName,
            labelTitle: (input.labelTitle as string | null | undefined) ?? null,
            affiliation: input.affiliation ?? '',
            aliases: input.aliases ?? [],
            wordsPerMinute: input.wordsPerMinute ?? null,
          },
          actor.userId,
        );
      },
    });
    return this.get(id);
  }

  /**
   * Versioned edit. A staff person's names belong to their correspondent profile: changing them
   * here needs `correspondent.write`, and bumps the profile's version too (both stay in sync).
   */
  async update(id: string, input: UpdatePersonInput, actor: Principal): Promise<Person> {
    await this.writer.write<PersonRow, PersonRow>({
      what: 'person',
      version: input.version,
      lock: (tx) => this.people.lock(tx, id),
      apply: async (tx, before) => {
        const changes: Record<string, unknown> = {};
        for (const field of Object.keys(PERSON_COLUMNS)) {
          const value = input[field as keyof UpdatePersonInput];
          if (value !== undefined && JSON.stringify(value) !== JSON.stringify(before[PERSON_COLUMNS[field] as keyof PersonRow]))
            changes[field] = value;
        }
        const renamed = NAME_FIELDS.some((field) => field in changes);
        if (renamed && before.correspondent_id && !can(actor.roles, 'correspondent.write')) {
          throw new ForbiddenError('This person has a correspondent profile: their name is changed on the profile, by an admin.');
        }
        if (changes.slug) await this.assertSlugFree(tx, changes.slug as string, id);
        await this.applyChanges(tx, before, changes, actor);
        return this.rowAfterWrite(tx, id);
      },
      audit: (before, after) => ({
        actor,
        action: 'update',
        entity: 'person',
        entityId: id,
        diff: compactDiff(before, after, PERSON_AUDITED),
      }),
    });
    return this.get(id);
  }

  /** The person as the write left it (inside the write's transaction, where it cannot be missing). */
  async rowAfterWrite(tx: EntityManager, id: string): Promise<PersonRow> {
    const row = await this.people.find(id, tx);
    if (!row) throw new NotFoundError('Person');
    return row;
  }

  /** 400 naming `slug` when another person uses it, or it still redirects to another person. */
  async assertSlugFree(tx: EntityManager, slug: string, exceptId: string | null): Promise<void> {
    const holder = await this.people.slugHolder(tx, slug, exceptId);
    if (holder !== undefined) throw new ValidationError([{ field: 'slug', message: `The slug "${slug}" is already used by ${holder}` }]);
  }

  /**
   * Writes changed person fields (version + 1), keeping what depends on them in step: the search
   * keys and sort name, a redirect from the old slug, and the linked profile's version (unless the
   * caller is the profile's own write, which bumps it once itself). The person is locked by the caller.
   */
  async applyChanges(
    tx: EntityManager,
    before: PersonRow,
    changes: Record<string, unknown>,
    actor: Principal,
    options: { bumpProfile: boolean } = { bumpProfile: true },
  ): Promise<void> {
    const entries = Object.entries(changes).filter(([field]) => field in PERSON_COLUMNS);
    const names = {
      displayName: (changes.displayName as string | undefined) ?? before.display_name,
      givenName: (changes.givenName as string | undefined) ?? before.given_name,
      familyName: (changes.familyName as string | undefined) ?? before.family_name,
      aliases: (changes.aliases as string[] | undefined) ?? before.aliases,
    };
    await this.people.update(tx, before.id, entries, sortName(names), actor.userId);
    if (['displayName', 'givenName', 'familyName', 'aliases'].some((field) => field in changes))
      await this.people.writeSearchKeys(tx, before.id, names);
    if (changes.slug && changes.slug !== before.slug) await this.people.redirectSlug(tx, before.id, before.slug, changes.slug as string);
    // The broadcast labels of every story they speak in are rendered from their names.
    if (NAME_FIELDS.some((field) => field in changes)) await rerenderTranscriptsOf(tx, before.id);
    if (options.bumpProfile && before.correspondent_id && NAME_FIELDS.some((field) => field in changes)) {
      await this.profiles.bumpVersion(tx, before.correspondent_id, actor.userId);
    }
  }

  /** SELECT ... FOR UPDATE of a person (for another record's write that changes it, e.g. a profile). */
  lock(tx: EntityManager, id: string): Promise<PersonRow | undefined> {
    return this.people.lock(tx, id);
  }
}
