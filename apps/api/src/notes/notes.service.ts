import { Injectable } from '@nestjs/common';
import type {
  CreateNoteInput,
  FieldError,
  ListMentionsQuery,
  MentionPage,
  Note,
  NoteList,
  StaffDirectory,
  StaffDirectoryQuery,
  UpdateNoteInput,
} from '@newsdesk/contracts';
import { compactDiff } from '../audit/audit.diff.js';
import type { AuditRecord } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { decodeCursor, encodeCursor } from '../common/cursor.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../common/errors.js';
import type { Db } from '../common/db.js';
import { VersionedWriter } from '../common/versioned-write.js';
import { UsersRepository } from '../users/users.repository.js';
import { NotesRepository, type NoteRow } from './notes.repository.js';

export const toNote = (row: NoteRow): Note => ({
  id: row.id,
  storyId: row.story_id,
  body: row.body,
  anchor: row.anchor,
  author: { id: row.author_id, name: row.author_name },
  mentions: row.mentions,
  resolved: row.resolved_at
    ? { at: row.resolved_at.toISOString(), by: row.resolved_by_id ? { id: row.resolved_by_id, name: row.resolved_by_name ?? '' } : null }
    : null,
  version: row.version,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

/** What the audit log keeps of a note (mentions by id). */
const audited = (note: Note) => ({
  storyId: note.storyId,
  body: note.body,
  anchor: note.anchor,
  mentions: note.mentions.map((user) => user.id),
  resolved: note.resolved !== null,
});
const AUDITED = ['storyId', 'body', 'anchor', 'mentions', 'resolved'];

/**
 * Editorial notes on stories and the mentions they carry. A note is never story content: nothing
 * here touches the story's row, version, revisions or the public cache.
 */
@Injectable()
export class NotesService {
  constructor(
    private readonly repository: NotesRepository,
    private readonly users: UsersRepository,
    private readonly versioned: VersionedWriter,
  ) {}

  async list(storyId: string, state: 'open' | 'resolved' | 'all'): Promise<NoteList> {
    if (!(await this.repository.storyShape(storyId))) throw new NotFoundError('Story');
    return { items: (await this.repository.list(storyId, state)).map(toNote) };
  }

  private async get(id: string, tx: Db): Promise<Note> {
    const row = await this.repository.byId(id, tx);
    if (!row) throw new NotFoundError('Note');
    return toNote(row);
  }

  async create(storyId: string, input: CreateNoteInput, actor: Principal): Promise<Note> {
    const mentions = input.mentions ?? [];
    const anchor = input.anchor ?? null;
    const note = await this.versioned.create({
      entity: 'note',
      actor,
      audited: AUDITED,
      insert: async (tx) => {
        const shape = await this.repository.storyShape(storyId, tx);
        if (!shape) throw new NotFoundError('Story');
        const errors: FieldError[] = [];
        if (anchor) {
          const count = anchor.kind === 'paragraph' ? shape.blocks : shape.turns;
          if (anchor.index >= count)
            errors.push({
              field: 'anchor.index',
              message: `The story has ${count} ${anchor.kind === 'paragraph' ? 'paragraph(s)' : 'transcript turn(s)'}; positions start at 0`,
            });
        }
        const active = new Set(await this.users.activeStaff(mentions, tx));
        mentions.forEach((id, i) => {
          if (!active.has(id)) errors.push({ field: `mentions.${i}`, message: 'No active staff member with this id' });
        });
        if (errors.length) throw new ValidationError(errors);
        const id = await this.repository.insert(tx, { storyId, authorId: actor.userId, body: input.body, anchor });
        if (!id) throw new NotFoundError('Story');
        await this.repository.addMentions(tx, id, mentions);
        const created = await this.get(id, tx);
        return { ...audited(created), id, note: created };
      },
    });
    return note.note;
  }

  async update(id: string, input: UpdateNoteInput, actor: Principal): Promise<Note> {
    if (input.body === undefined && input.resolved === undefined)
      throw new ValidationError([{ field: 'body', message: 'Send a new body, resolved, or both' }]);
    return this.versioned.write({
      what: 'note',
      version: input.version,
      lock: (tx) => this.repository.lock(tx, id),
      apply: async (tx, before) => {
        const editsBody = input.body !== undefined && input.body !== before.body;
        if (editsBody && before.author_id !== actor.userId)
          throw new ForbiddenError('Only its author can edit a note; anyone can resolve it.');
        await this.repository.update(tx, id, actor.userId, { body: editsBody ? input.body : undefined, resolved: input.resolved });
        return this.get(id, tx);
      },
      audit: (before, after) => {
        const was = toNote(before);
        const entries: AuditRecord[] = [];
        if (was.body !== after.body)
          entries.push({
            actor,
            action: 'update',
            entity: 'note',
            entityId: id,
            diff: compactDiff(audited(was), audited(after), ['body']),
          });
        if ((was.resolved === null) !== (after.resolved === null))
          entries.push({
            actor,
            action: after.resolved ? 'resolve' : 'unresolve',
            entity: 'note',
            entityId: id,
            diff: compactDiff(audited(was), audited(after), ['resolved']),
          });
        return entries;
      },
    });
  }

  async remove(id: string, version: number, actor: Principal): Promise<void> {
    await this.versioned.write({
      what: 'note',
      version,
      lock: (tx) => this.repository.lock(tx, id),
      apply: async (tx, before) => {
        if (before.author_id !== actor.userId && !actor.roles.includes('admin'))
          throw new ForbiddenError('Only its author or an admin can delete a note.');
        await this.repository.delete(tx, id);
      },
      audit: (before) => ({
        actor,
        action: 'delete',
        entity: 'note',
        entityId: id,
        diff: compactDiff(audited(toNote(before)), null, AUDITED),
      }),
    });
  }

  /** The signed-in user's mentions, newest first. */
  async mentions(query: ListMentionsQuery, actor: Principal): Promise<MentionPage> {
    const before = query.cursor ? decodeCursor(query.cursor) : undefined;
    const found = await this.repository.mentions({
      userId: actor.userId,
      ...(query.unread ? { unread: query.unread === 'true' } : {}),
      ...(before ? { before } : {}),
      limit: query.limit + 1,
    });
    const page = found.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map((row) => ({
        note: toNote(row),
        story: { id: row.story_id, headline: row.story_headline, status: row.story_status },
        readAt: row.read_at?.toISOString() ?? null,
      })),
      nextCursor: found.length > query.limit && last ? encodeCursor([last.mentioned_at.toISOString(), last.id]) : null,
    };
  }

  async markRead(noteId: string, actor: Principal): Promise<void> {
    if (!(await this.repository.markRead(noteId, actor.userId))) throw new NotFoundError('Mention');
  }

  async directory(query: StaffDirectoryQuery): Promise<StaffDirectory> {
    return { items: await this.users.directory(query.q || undefined, query.limit) };
  }
}
