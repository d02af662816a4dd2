import { Injectable } from '@nestjs/common';
import {
  slugify,
  splitName,
  type Correspondent,
  type CorrespondentPage,
  type CreateCorrespondentInput,
  type FieldError,
  type ListCorrespondentsQuery,
  type UpdateCorrespondentInput,
} from '@newsdesk/contracts';
import type { EntityManager } from 'typeorm';
import { compactDiff } from '../audit/audit.diff.js';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { ConflictError, NotFoundError, ValidationError } from '../common/errors.js';
import { decodeNameCursor, encodeCursor } from '../common/cursor.js';
import { VersionedWriter } from '../common/versioned-write.js';
import { MediaService, missingImageFields } from '../media/media.service.js';
import { PeopleRepository } from '../people/people.repository.js';
import { PeopleService } from '../people/people.service.js';
import { bioText, sanitizeBio } from './bio.js';
import { CORRESPONDENT_COLUMNS, CorrespondentsRepository, type CorrespondentRow } from './correspondents.repository.js';
import { CORRESPONDENT_AUDITED, toCorrespondentDto, toCorrespondentSummary } from './correspondents.rows.js';

type Changes = Record<string, unknown>;

@Injectable()
export class CorrespondentsService {
  constructor(
    private readonly profiles: CorrespondentsRepository,
    private readonly people: PeopleService,
    private readonly peopleRows: PeopleRepository,
    private readonly writer: VersionedWriter,
    private readonly audit: AuditService,
    private readonly media: MediaService,
  ) {}

  async list(query: ListCorrespondentsQuery): Promise<CorrespondentPage> {
    const after = query.cursor ? decodeNameCursor(query.cursor) : null;
    const rows = await this.profiles.list({
      limit: query.limit + 1,
      q: query.q || null,
      status: query.status ?? null,
      active: query.active === undefined ? null : query.active === 'true',
      after: after ? [after[0], after[1]] : null,
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map(toCorrespondentSummary),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.sort_name, last.id]) : null,
    };
  }

  async get(id: string, tx?: EntityManager): Promise<Correspondent> {
    const row = await this.profiles.find(id, tx);
    if (!row) throw new NotFoundError('Correspondent');
    return toCorrespondentDto(row, row.photo_id ? await this.media.find(row.photo_id, tx) : null);
  }

  /** The profile as a write left it (inside the write's transaction, where it cannot be missing). */
  private async rowAfterWrite(tx: EntityManager, id: string): Promise<CorrespondentRow> {
    const row = await this.profiles.find(id, tx);
    if (!row) throw new NotFoundError('Correspondent');
    return row;
  }

  /** 400 naming `slug` when another profile uses it, or it still redirects to another profile. */
  private async assertSlugFree(tx: EntityManager, slug: string, exceptId: string | null): Promise<void> {
    const taken = await this.profiles.slugHolder(tx, slug, exceptId);
    if (taken) {
      const message = taken.redirect
        ? `The slug "${slug}" was ${taken.name}'s and still redirects to their profile`
        : `The slug "${slug}" is already used by ${taken.name}`;
      throw new ValidationError([{ field: 'slug', message }]);
    }
  }

  /** A free profile slug derived from a name (-2, -3 ... when taken). */
  private async freeSlug(tx: EntityManager, base: string): Promise<string> {
    const used = await this.profiles.slugsLike(tx, base);
    if (!used.has(base)) return base;
    for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
  }

  /** Creates the profile and its person (or links `personId`, a person already in the registry). */
  async create(input: CreateCorrespondentInput, actor: Principal): Promise<Correspondent> {
    const base = input.slug || slugify(input.name);
    if (!base)
      throw new ValidationError([{ field: 'slug', message: 'The name has no letters or digits to derive a slug from; enter a slug' }]);
    const id = await this.profiles.transaction(async (tx) => {
      const personId = await this.personFor(tx, input, actor);
      const slug = input.slug ? (await this.assertSlugFree(tx, input.slug, null), input.slug) : await this.freeSlug(tx, base);
      if (input.photoId) await this.assertPhoto(tx, input.photoId, false);
      const created = await this.profiles.insert(
        tx,
        {
          personId,
          slug,
          title: input.title ?? '',
          bureau: input.bureau ?? '',
          bioHtml: sanitizeBio(input.bio ?? ''),
          photoId: input.photoId ?? null,
          beats: input.beats ?? [],
          email: (input.email as string | null | undefined) ?? null,
          socialLinks: input.socialLinks ?? [],
          active: input.active ?? true,
        },
        actor.userId,
      );
      const after = await this.rowAfterWrite(tx, created);
      await this.audit.record(tx, {
        actor,
        action: 'create',
        entity: 'correspondent',
        entityId: created,
        diff: compactDiff(null, after, CORRESPONDENT_AUDITED),
      });
      return created;
    });
    return this.get(id);
  }

  private async personFor(tx: EntityManager, input: CreateCorrespondentInput, actor: Principal): Promise<string> {
    const split = splitName(input.name);
    const names = {
      displayName: input.name,
      givenName: input.givenName ?? split.givenName,
      familyName: input.familyName || split.familyName,
    };
    if (!names.familyName) throw new ValidationError([{ field: 'familyName', message: 'A family name is required' }]);
    if (!input.personId) {
      const slug = await this.peopleRows.freeSlug(tx, input.name);
      return (await this.peopleRows.insert(tx, { ...names, slug, labelTitle: null, affiliation: '', aliases: [] }, actor.userId)).id;
    }
    const person = await this.people.lock(tx, input.personId);
    if (!person) throw new ValidationError([{ field: 'personId', message: 'No such person in the registry' }]);
    if (person.correspondent_id)
      throw new ValidationError([{ field: 'personId', message: `${person.display_name} already has a correspondent profile` }]);
    const changes: Changes = {};
    if (names.displayName !== person.display_name) changes.displayName = names.displayName;
    if (input.givenName !== undefined && input.givenName !== person.given_name) changes.givenName = input.givenName;
    if (input.familyName !== undefined && input.familyName !== person.family_name) changes.familyName = input.familyName;
    if (Object.keys(changes).length) await this.people.applyChanges(tx, person, changes, actor);
    return person.id;
  }

  /** 400 naming `photoId` for an unknown image, or `photo` when `published` and the image lacks alt text or credit. */
  private async assertPhoto(tx: EntityManager, photoId: string, published: boolean): Promise<void> {
    const photo = await this.media.find(photoId, tx);
    if (!photo) throw new ValidationError([{ field: 'photoId', message: 'No such image: upload it first' }]);
    const missing = published ? missingImageFields(photo) : null;
    if (missing) throw new ValidationError([{ field: 'photo', message: missing }]);
  }

  async update(id: string, input: UpdateCorrespondentInput, actor: Principal): Promise<Correspondent> {
    return this.write(id, input.version, actor, 'update', async (tx, row) => {
      const changes: Changes = {};
      for (const field of Object.keys(CORRESPONDENT_COLUMNS)) {
        const value = input[field as keyof UpdateCorrespondentInput];
        if (value !== undefined) changes[field] = field === 'bio' ? sanitizeBio(value as string) : value;
      }
      if (changes.slug && changes.slug !== row.slug) await this.assertSlugFree(tx, changes.slug as string, id);
      if (changes.photoId) await this.assertPhoto(tx, changes.photoId as string, false);
      if (row.status === 'published') {
        // A live profile stays publishable: the same rules as publishing, on the edited values.
        const problems = await this.readiness(tx, {
          title: (changes.title as string | undefined) ?? row.title,
          bio: (changes.bio as string | undefined) ?? row.bio_html,
          photoId: changes.photoId === undefined ? row.photo_id : (changes.photoId as string | null),
        });
        if (problems.length)
          throw new ValidationError(problems, 'A published profile must stay complete: unpublish it first to leave this out.');
      }
      await this.rename(tx, row, input, actor);
      return changes;
    });
  }

  /** Name changes go to the person. An untouched given/family split follows a changed name. */
  private async rename(tx: EntityManager, row: CorrespondentRow, input: UpdateCorrespondentInput, actor: Principal): Promise<void> {
    const changes: Changes = {};
    if (input.name !== undefined && input.name !== row.display_name) changes.displayName = input.name;
    const derived = splitName(row.display_name);
    const wasDerived = derived.givenName === row.given_name && derived.familyName === row.family_name;
    const next =
      input.name !== undefined && changes.displayName && wasDerived
        ? splitName(input.name)
        : { givenName: row.given_name, familyName: row.family_name };
    const givenName = input.givenName ?? next.givenName;
    const familyName = input.familyName ?? next.familyName;
    if (givenName !== row.given_name) changes.givenName = givenName;
    if (familyName !== row.family_name) changes.familyName = familyName;
    if (!Object.keys(changes).length) return;
    const person = await this.people.lock(tx, row.person_id);
    if (!person) throw new NotFoundError('Person');
    await this.people.applyChanges(tx, person, changes, actor, { bumpProfile: false });
  }

  async publish(id: string, version: number, actor: Principal): Promise<Correspondent> {
    return this.write(id, version, actor, 'publish', async (tx, row) => {
      const problems = await this.readiness(tx, { title: row.title, bio: row.bio_html, photoId: row.photo_id });
      if (problems.length) throw new ValidationError(problems, 'This profile is not ready to publish.');
      return { status: 'published', publishedAt: row.published_at ?? new Date() };
    });
  }

  /** What a published profile needs: a title, a bio, and alt text and credit on its photo. */
  private async readiness(tx: EntityManager, profile: { title: string; bio: string; photoId: string | null }): Promise<FieldError[]> {
    const problems: FieldError[] = [];
    if (!profile.title.trim())
      problems.push({ field: 'title', message: 'A published profile needs a title, e.g. International Correspondent' });
    if (!bioText(profile.bio)) problems.push({ field: 'bio', message: 'A published profile needs a bio' });
    if (profile.photoId) {
      const photo = await this.media.find(profile.photoId, tx);
      if (!photo) problems.push({ field: 'photoId', message: 'No such image: upload it first' });
      else {
        const missing = missingImageFields(photo);
        if (missing) problems.push({ field: 'photo', message: missing });
      }
    }
    return problems;
  }

  async unpublish(id: string, version: number, actor: Principal): Promise<Correspondent> {
    return this.write(id, version, actor, 'unpublish', async (_tx, row) => {
      if (row.status !== 'published') throw new ConflictError('Only a published profile can be unpublished.');
      return { status: 'draft' };
    });
  }

  /** Refused (409, naming the stories) while any story carries the byline: deactivate the profile instead. */
  async remove(id: string, version: number, actor: Principal): Promise<void> {
    await this.writer.write<CorrespondentRow, null>({
      what: 'profile',
      version,
      lock: (tx) => this.lock(tx, id),
      apply: async (tx, row) => {
        const { total, headlines } = await this.profiles.bylinedStories(tx, id);
        if (total) {
          const listed = headlines.map((headline) => `“${headline}”`).join(', ');
          throw new ConflictError(
            `${row.display_name} has the byline on ${total} ${total === 1 ? 'story' : 'stories'}: ${listed}${total > headlines.length ? ` and ${total - headlines.length} more` : ''}. ` +
              'Mark the profile departed (inactive) instead of deleting it.',
          );
        }
        await this.profiles.delete(tx, id);
        return null;
      },
      audit: (row) => ({
        actor,
        action: 'delete',
        entity: 'correspondent',
        entityId: id,
        diff: compactDiff(row, null, CORRESPONDENT_AUDITED),
      }),
    });
  }

  /**
   * The one write path of a profile, through the VersionedWriter: lock, refuse a stale version (409
   * with the current one), compute the changes, apply them with the version bumped, keep the old
   * slug as a redirect once the profile has been published, and audit the diff, in one transaction.
   */
  private async write(
    id: string,
    version: number,
    actor: Principal,
    action: string,
    change: (tx: EntityManager, row: CorrespondentRow) => Promise<Changes>,
  ): Promise<Correspondent> {
    await this.writer.write<CorrespondentRow, CorrespondentRow>({
      what: 'profile',
      version,
      lock: (tx) => this.lock(tx, id),
      apply: async (tx, row) => {
        const changes = await change(tx, row);
        const entries = Object.entries(changes).filter(([field]) => field in CORRESPONDENT_COLUMNS);
        await this.profiles.update(tx, id, entries, actor.userId);
        if (changes.slug && changes.slug !== row.slug)
          await this.profiles.redirectSlug(tx, id, row.slug, changes.slug as string, Boolean(row.published_at));
        return this.rowAfterWrite(tx, id);
      },
      audit: (row, after) => ({
        actor,
        action,
        entity: 'correspondent',
        entityId: id,
        diff: compactDiff(row, after, CORRESPONDENT_AUDITED),
      }),
    });
    return this.get(id);
  }

  /**
   * SELECT ... FOR UPDATE: 404 when missing (the writer then compares the version). The person is
   * locked first, as every write of people does (person, then profile), so a profile edit and a
   * person edit or merge cannot deadlock.
   */
  private async lock(tx: EntityManager, id: string): Promise<CorrespondentRow> {
    const personId = await this.profiles.personIdOf(tx, id);
    if (!personId) throw new NotFoundError('Correspondent');
    await this.people.lock(tx, personId);
    const row = await this.profiles.lock(tx, id);
    if (!row) throw new NotFoundError('Correspondent');
    if (row.person_id !== personId)
      throw new ConflictError('This profile was just linked to another person (a merge). Reload it and try again.');
    return row;
  }
}
