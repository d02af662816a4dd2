import { Injectable } from '@nestjs/common';
import type { NoteAnchor, StoryStatus } from '@newsdesk/contracts';
import { DataSource } from 'typeorm';
import { exec, one, rows, type Db } from '../common/db.js';

/** A note as the staff API reads it, with its author's, resolver's and mentioned users' names. */
export interface NoteRow {
  id: string;
  story_id: string;
  body: string;
  anchor: NoteAnchor | null;
  author_id: string;
  author_name: string;
  resolved_at: Date | null;
  resolved_by_id: string | null;
  resolved_by_name: string | null;
  mentions: Array<{ id: string; name: string }>;
  version: number;
  created_at: Date;
  updated_at: Date;
}

/** One mention of a user, with its note and the note's story. */
export interface MentionRow extends NoteRow {
  read_at: Date | null;
  mentioned_at: Date;
  story_headline: string;
  story_status: StoryStatus;
}

/** What an anchor may point at in a story as saved: its top-level body blocks and transcript turns. */
export interface StoryShapeRow {
  blocks: number;
  turns: number;
}

const NOTE_COLUMNS = `n.id, n.story_id, n.body, n.anchor, n.author_id, au.name AS author_name,
  n.resolved_at, n.resolved_by AS resolved_by_id, rb.name AS resolved_by_name, n.version, n.created_at, n.updated_at,
  coalesce((SELECT json_agg(json_build_object('id', u.id, 'name', u.name) ORDER BY lower(u.name), u.id)
              FROM story_note_mentions sm JOIN users u ON u.id = sm.user_id WHERE sm.note_id = n.id), '[]'::json) AS mentions`;
const NOTE_FROM = `story_notes n JOIN users au ON au.id = n.author_id LEFT JOIN users rb ON rb.id = n.resolved_by`;

/**
 * Every SQL statement of notes (story_notes, story_note_mentions). Reads join users (names) and
 * stories (a mention's headline, an anchor's bounds) for what they show beside the notes; writes
 * touch only the notes' own tables, never the story's row, version or revisions.
 */
@Injectable()
export class NotesRepository {
  constructor(private readonly db: DataSource) {}

  /** True when the story has any note (the demo loads its notes once). */
  async storyHasNotes(storyId: string, tx: Db = this.db): Promise<boolean> {
    return (
      (await one<{ present: boolean }>(tx, `SELECT EXISTS (SELECT 1 FROM story_notes WHERE story_id = $1) AS present`, [storyId]))
        ?.present === true
    );
  }

  /** The story's top-level body blocks and transcript turns; undefined when there is no such story. */
  storyShape(storyId: string, tx: Db = this.db): Promise<StoryShapeRow | undefined> {
    return one<StoryShapeRow>(
      tx,
      `SELECT coalesce(jsonb_array_length(CASE WHEN jsonb_typeof(s.body->'content') = 'array' THEN s.body->'content' END), 0) AS blocks,
              (SELECT count(*)::int FROM transcript_turns t WHERE t.story_id = s.id) AS turns
         FROM stories s WHERE s.id = $1`,
      [storyId],
    );
  }

  /** The story's notes, oldest first; `state` filters on resolution. */
  list(storyId: string, state: 'open' | 'resolved' | 'all', tx: Db = this.db): Promise<NoteRow[]> {
    const filter = state === 'open' ? 'AND n.resolved_at IS NULL' : state === 'resolved' ? 'AND n.resolved_at IS NOT NULL' : '';
    return rows<NoteRow>(tx, `SELECT ${NOTE_COLUMNS} FROM ${NOTE_FROM} WHERE n.story_id = $1 ${filter} ORDER BY n.created_at, n.id`, [
      storyId,
    ]);
  }

  byId(id: string, tx: Db = this.db): Promise<NoteRow | undefined> {
    return one<NoteRow>(tx, `SELECT ${NOTE_COLUMNS} FROM ${NOTE_FROM} WHERE n.id = $1`, [id]);
  }

  /** Locks the note's row (FOR UPDATE) and reads it; undefined when there is none. */
  async lock(tx: Db, id: string): Promise<NoteRow | undefined> {
    if (!(await one<{ id: string }>(tx, `SELECT id FROM story_notes WHERE id = $1 FOR UPDATE`, [id]))) return undefined;
    return this.byId(id, tx);
  }

  /** Inserts a note (version 1) on an existing story; undefined when the story is gone. */
  async insert(tx: Db, note: { storyId: string; authorId: string; body: string; anchor: NoteAnchor | null }): Promise<string | undefined> {
    const row = await one<{ id: string }>(
      tx,
      `INSERT INTO story_notes (story_id, author_id, body, anchor)
       SELECT s.id, $2, $3, $4::jsonb FROM stories s WHERE s.id = $1 RETURNING id`,
      [note.storyId, note.authorId, note.body, note.anchor ? JSON.stringify(note.anchor) : null],
    );
    return row?.id;
  }

  async addMentions(tx: Db, noteId: string, userIds: string[]): Promise<void> {
    if (!userIds.length) return;
    await exec(tx, `INSERT INTO story_note_mentions (note_id, user_id) SELECT $1, unnest($2::uuid[])`, [noteId, userIds]);
  }

  /** Sets the body and/or the resolution (`resolved`: true resolves by `userId` unless already resolved, false reopens) and bumps the version. */
  async update(tx: Db, id: string, userId: string, change: { body?: string; resolved?: boolean }): Promise<void> {
    await exec(
      tx,
      `UPDATE story_notes SET
          body = coalesce($2, body),
          resolved_at = CASE WHEN $3::boolean IS NULL THEN resolved_at WHEN $3 THEN coalesce(resolved_at, now()) ELSE NULL END,
          resolved_by = CASE WHEN $3::boolean IS NULL THEN resolved_by WHEN $3 THEN coalesce(resolved_by, $4::uuid) ELSE NULL END,
          version = version + 1, updated_at = now()
        WHERE id = $1`,
      [id, change.body ?? null, change.resolved ?? null, userId],
    );
  }

  delete(tx: Db, id: string): Promise<void> {
    return exec(tx, `DELETE FROM story_notes WHERE id = $1`, [id]);
  }

  /** A user's mentions, newest first; `unread` filters on read state; `before` is the last row of the previous page. */
  mentions(
    filter: { userId: string; unread?: boolean; before?: readonly [string, string]; limit: number },
    tx: Db = this.db,
  ): Promise<MentionRow[]> {
    return rows<MentionRow>(
      tx,
      `SELECT ${NOTE_COLUMNS}, m.read_at, m.created_at AS mentioned_at, s.headline AS story_headline, s.status AS story_status
         FROM story_note_mentions m
         JOIN ${NOTE_FROM} ON n.id = m.note_id
         JOIN stories s ON s.id = n.story_id
        WHERE m.user_id = $1
          AND ($2::boolean IS NULL OR (m.read_at IS NULL) = $2)
          AND ($3::timestamptz IS NULL OR (m.created_at, m.note_id) < ($3::timestamptz, $4::uuid))
        ORDER BY m.created_at DESC, m.note_id DESC LIMIT $5`,
      [filter.userId, filter.unread ?? null, filter.before?.[0] ?? null, filter.before?.[1] ?? null, filter.limit],
    );
  }

  /** Marks the user's mention in this note read (the first reading counts); false when there is no such mention. */
  async markRead(noteId: string, userId: string, tx: Db = this.db): Promise<boolean> {
    const row = await one<{ note_id: string }>(
      tx,
      `UPDATE story_note_mentions SET read_at = coalesce(read_at, now()) WHERE note_id = $1 AND user_id = $2 RETURNING note_id`,
      [noteId, userId],
    );
    return row !== undefined;
  }
}
