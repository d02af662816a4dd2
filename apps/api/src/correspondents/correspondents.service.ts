import { Injectable } from '@nestjs/common';
import {
  slugify, splitName,
  type Correspondent, type CorrespondentPage, type CreateCorrespondentInput, type FieldError, type ListCorrespondentsQuery, type UpdateCorrespondentInput,
} from '@newsdesk/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { compactDiff } from '../audit/audit.diff.js';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { ConflictError, NotFoundError, StaleVersionError, ValidationError } from '../common/errors.js';
import { decodeNameCursor, encodeCursor } from '../common/cursor.js';
import { likeEscape } from '../common/sql.js';
import { MediaService, missingImageFields } from '../media/media.service.js';
import { applyPersonChanges } from '../people/people.service.js';
import { freePersonSlug, insertPerson, lockPerson } from '../people/people.rows.js';
import { bioText, sanitizeBio } from './bio.js';
import {
  CORRESPONDENT_AUDITED, CORRESPONDENT_COLUMNS, CORRESPONDENT_SELECT, assertCorrespondentSlugFree, bylinedStories, columnValue,
  freeCorrespondentSlug, toCorrespondentDto, toCorrespondentSummary, type CorrespondentRow,
} from './correspondents.rows.js';

type Changes = Record<string, unknown>;

@Injectable()
export class CorrespondentsService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly media: MediaService,
  ) {}

  async list(query: ListCorrespondentsQuery): Promise<CorrespondentPage> {
    const after = query.cursor ? decodeNameCursor(query.cursor) : null;
    const rows: CorrespondentRow[] = await this.db.query(
      `${CORRESPONDENT_SELECT}
        WHERE ($2::text IS NULL OR p.display_name ILIKE $2 OR c.title ILIKE $2 OR c.bureau ILIKE $2)
          AND ($3::text IS NULL OR c.status = $3) AND ($4::boolean IS NULL OR c.active = $4)
          AND ($5::text IS NULL OR (p.sort_name, c.id) > ($5::text COLLATE "C", $6::uuid))
        ORDER BY p.sort_name, c.id LIMIT $1`,
      [
        query.limit + 1, query.q ? `%${likeEscape(query.q)}%` : null, query.status ?? null,
        query.active === undefined ? null : query.active === 'true', after?.[0] ?? null, after?.[1] ?? null,
      ],
    );
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return { items: page.map(toCorrespondentSummary), nextCursor: rows.length > query.limit && last ? encodeCursor([last.sort_name, last.id]) : null };
  }

  async get(id: string, tx: EntityManager = this.db.manager): Promise<Correspondent> {
    const row = await this.row(tx, id);
    if (!row) throw new NotFoundError('Correspondent');
    return toCorrespondentDto(row, row.photo_id ? await this.media.find(row.photo_id, tx) : null);
  }

  private async row(tx: EntityManager, id: string, lock = false): Promise<CorrespondentRow | null> {
    const [row]: CorrespondentRow[] = await tx.query(`${CORRESPONDENT_SELECT} WHERE c.id = $1${lock ? ' FOR UPDATE OF c' : ''}`, [id]);
    return row ?? null;
  }

  /** Creates the profile and its person (or links `personId`, a person already in the registry). */
  async create(input: CreateCorrespondentInput, actor: Principal): Promise<Correspondent> {
    const base = input.slug || slugify(input.name);
    if (!base) throw new ValidationError([{ field: 'slug', message: 'The name has no letters or digits to derive a slug from; enter a slug' }]);
    const id = await this.db.transaction(async (tx) => {
      const personId = await this.personFor(tx, input, actor);
      const slug = input.slug ? (await assertCorrespondentSlugFree(tx, input.slug, null), input.slug) : await freeCorrespondentSlug(tx, base);
      if (input.photoId) await this.assertPhoto(tx, input.photoId, false);
      const [row]: Array<{ id: string }> = await tx.query(
        `INSERT INTO correspondents (person_id, slug, title, bureau, bio_html, photo_id, beats, email, social_links, active, created_by, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id`,
        [personId, slug, input.title ?? '', input.bureau ?? '', sanitizeBio(input.bio ?? ''), input.photoId ?? null, input.beats ?? [],
          (input.email as string | null | undefined) ?? null, JSON.stringify(input.socialLinks ?? []), input.active ?? true, actor.userId],
      );
      const after = await this.row(tx, row!.id);
      await this.audit.record(tx, { actor, action: 'create', entity: 'correspondent', entityId: row!.id, diff: compactDiff(null, after as unknown as Changes, CORRESPONDENT_AUDITED) });
      return row!.id;
    });
    return this.get(id);
  }

  private async personFor(tx: EntityManager, input: CreateCorrespondentInput, actor: Principal): Promise<string> {
    const split = splitName(input.name);
    const names = { displayName: input.name, givenName: input.givenName ?? split.givenName, familyName: input.familyName || split.familyName };
    if (!names.familyName) throw new ValidationError([{ field: 'familyName', message: 'A family name is required' }]);
    if (!input.personId) {
      const slug = await freePersonSlug(tx, input.name);
      return (await insertPerson(tx, { ...names, slug, labelTitle: null, affiliation: '', aliases: [] }, actor.userId)).id;
    }
    const person = await lockPerson(tx, input.personId);
    if (!person) throw new ValidationError([{ field: 'personId', message: 'No such person in the registry' }]);
    if (person.correspondent_id) throw new ValidationError([{ field: 'personId', message: `${person.display_name} already has a correspondent profile` }]);
    const changes: Changes = {};
    if (names.displayName !== person.display_name) changes.displayName = names.displayName;
    if (input.givenName !== undefined && input.givenName !== person.given_name) changes.givenName = input.givenName;
    if (input.familyName !== undefined && input.familyName !== person.family_name) changes.familyName = input.familyName;
    if (Object.keys(changes).length) await applyPersonChanges(tx, person, changes, actor);
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
      if (changes.slug && changes.slug !== row.slug) await assertCorrespondentSlugFree(tx, changes.slug as string, id);
      if (changes.photoId) await this.assertPhoto(tx, changes.photoId as string, false);
      if (row.status === 'published') {
        // A live profile stays publishable: the same rules as publishing, on the edited values.
        const problems = await this.readiness(tx, {
          title: (changes.title as string | undefined) ?? row.title,
          bio: (changes.bio as string | undefined) ?? row.bio_html,
          photoId: changes.photoId === undefined ? row.photo_id : (changes.photoId as string | null),
        });
        if (problems.length) throw new ValidationError(problems, 'A published profile must stay complete: unpublish it first to leave this out.');
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
    const next = changes.displayName && wasDerived ? splitName(input.name!) : { givenName: row.given_name, familyName: row.family_name };
    const givenName = input.givenName ?? next.givenName;
    const familyName = input.familyName ?? next.familyName;
    if (givenName !== row.given_name) changes.givenName = givenName;
    if (familyName !== row.family_name) changes.familyName = familyName;
    if (!Object.keys(changes).length) return;
    const person = await lockPerson(tx, row.person_id);
    await applyPersonChanges(tx, person!, changes, actor, { bumpProfile: false });
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
    if (!profile.title.trim()) problems.push({ field: 'title', message: 'A published profile needs a title, e.g. International Correspondent' });
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
    await this.db.transaction(async (tx) => {
      const row = await this.lock(tx, id, version);
      const { total, headlines } = await bylinedStories(tx, id);
      if (total) {
        const listed = headlines.map((headline) => `“${headline}”`).join(', ');
        throw new ConflictError(
          `${row.display_name} has the byline on ${total} ${total === 1 ? 'story' : 'stories'}: ${listed}${total > headlines.length ? ` and ${total - headlines.length} more` : ''}. ` +
          'Mark the profile departed (inactive) instead of deleting it.',
        );
      }
      await tx.query(`DELETE FROM correspondents WHERE id = $1`, [id]);
      await this.audit.record(tx, { actor, action: 'delete', entity: 'correspondent', entityId: id, diff: compactDiff(row as unknown as Changes, null, CORRESPONDENT_AUDITED) });
    });
  }

  /**
   * The one write path: lock, refuse a stale version (409 with the current one), compute the
   * changes, apply them with the version bumped, keep the old slug as a redirect once the profile
   * has been published, and audit the diff, all in one transaction.
   */
  private async write(id: string, version: number, actor: Principal, action: string, change: (tx: EntityManager, row: CorrespondentRow) => Promise<Changes>): Promise<Correspondent> {
    await this.db.transaction(async (tx) => {
      const row = await this.lock(tx, id, version);
      const changes = await change(tx, row);
      const entries = Object.entries(changes).filter(([field]) => field in CORRESPONDENT_COLUMNS);
      await tx.query(
        `UPDATE correspondents SET ${[...entries.map(([field], i) => `${CORRESPONDENT_COLUMNS[field]} = $${i + 3}`), 'version = version + 1', 'updated_at = now()', 'updated_by = $2'].join(', ')}
          WHERE id = $1`,
        [id, actor.userId, ...entries.map(([field, value]) => columnValue(field, value))],
      );
      if (changes.slug && changes.slug !== row.slug) {
        await tx.query(`DELETE FROM correspondent_slug_redirects WHERE old_slug = $1 AND correspondent_id = $2`, [changes.slug, id]);
        if (row.published_at) await tx.query(`INSERT INTO correspondent_slug_redirects (old_slug, correspondent_id) VALUES ($1, $2)`, [row.slug, id]);
      }
      const after = await this.row(tx, id);
      await this.audit.record(tx, { actor, action, entity: 'correspondent', entityId: id, diff: compactDiff(row as unknown as Changes, after as unknown as Changes, CORRESPONDENT_AUDITED) });
    });
    return this.get(id);
  }

  /**
   * SELECT ... FOR UPDATE at `version`: 404 when missing, 409 (with the current version) when stale.
   * The person is locked first, as every write of people does (person, then profile), so a
   * profile edit and a person edit or merge cannot deadlock.
   */
  private async lock(tx: EntityManager, id: string, version: number): Promise<CorrespondentRow> {
    const [ref]: Array<{ person_id: string }> = await tx.query(`SELECT person_id FROM correspondents WHERE id = $1`, [id]);
    if (!ref) throw new NotFoundError('Correspondent');
    await tx.query(`SELECT 1 FROM people WHERE id = $1 FOR UPDATE`, [ref.person_id]);
    const row = await this.row(tx, id, true);
    if (!row) throw new NotFoundError('Correspondent');
    if (row.person_id !== ref.person_id) throw new ConflictError('This profile was just linked to another person (a merge). Reload it and try again.');
    if (row.version !== version) throw new StaleVersionError('profile', row.version);
    return row;
  }
}
