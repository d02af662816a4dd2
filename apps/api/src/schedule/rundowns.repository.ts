import { defined } from '@newsdesk/contracts';
import { Injectable } from '@nestjs/common';
import type { RichTextDoc, RundownItemKind, StoryStatus } from '@newsdesk/contracts';
import { DataSource } from 'typeorm';
import { exec, one, rows, type Db } from '../common/db.js';

/**
 * The SQL of a block's rundown: its head (version), its items with what they link (story, reader),
 * their replacement on save, and the ids a save may link. Clocks and takes are OnAirRepository's.
 */

export interface RundownItemRow {
  id: string;
  position: number;
  title: string;
  kind: RundownItemKind;
  duration_seconds: number;
  story_id: string | null;
  notes: string;
  script: RichTextDoc;
  post_at: Date | null;
  reader_id: string | null;
  reader_name: string | null;
  reader_wpm: number | null;
  story_slug: string | null;
  story_headline: string | null;
  story_status: StoryStatus | null;
  story_published_at: Date | null;
  story_teaser: string | null;
  /** The linked story's transcript as plain text ("LABEL: text" turns), for the host's reference. */
  story_transcript: string | null;
}

/** An item as written to the rundown (from the editor, or from a clock). */
export interface RundownItemToWrite {
  id: string | null;
  title: string;
  kind: RundownItemKind;
  durationSeconds: number;
  storyId: string | null;
  notes: string;
  script: RichTextDoc;
  postAt: number | null;
  readerId: string | null;
}

@Injectable()
export class RundownsRepository {
  constructor(private readonly db: DataSource) {}

  private on(tx?: Db): Db {
    return tx ?? this.db;
  }

  async lockSegmentKind(segmentId: string, tx: Db): Promise<string | undefined> {
    return (await one<{ kind: string }>(tx, `SELECT kind FROM segments WHERE id = $1 FOR UPDATE`, [segmentId]))?.kind;
  }

  /** A block whose rundown was never saved is at version 1: create the row, then lock it. */
  async lockRundown(segmentId: string, tx: Db): Promise<{ version: number }> {
    await exec(tx, `INSERT INTO rundowns (segment_id) VALUES ($1) ON CONFLICT (segment_id) DO NOTHING`, [segmentId]);
    const head = await one<{ version: number }>(tx, `SELECT version FROM rundowns WHERE segment_id = $1 FOR UPDATE`, [segmentId]);
    return defined(head, 'rundown head');
  }

  rundownHead(segmentId: string, tx?: Db): Promise<{ version: number; updated_at: Date } | undefined> {
    return one<{ version: number; updated_at: Date }>(this.on(tx), `SELECT version, updated_at FROM rundowns WHERE segment_id = $1`, [
      segmentId,
    ]);
  }

  rundownItems(segmentId: string, tx?: Db): Promise<RundownItemRow[]> {
    return rows<RundownItemRow>(
      this.on(tx),
      `SELECT i.id, i.position, i.title, i.kind, i.duration_seconds, i.story_id, i.notes, i.script, i.post_at,
              i.reader_id, r.display_name AS reader_name, r.words_per_minute AS reader_wpm,
              s.slug AS story_slug, s.headline AS story_headline, s.status AS story_status, s.published_at AS story_published_at,
              s.teaser AS story_teaser,
              (SELECT left(string_agg(CASE WHEN t.cue IS NOT NULL THEN '(' || t.cue || ')'
                                           ELSE COALESCE(t.rendered_label || ': ', '') || t.text END, E'\n\n' ORDER BY t.position), 20000)
                 FROM transcript_turns t WHERE t.story_id = i.story_id) AS story_transcript
         FROM rundown_items i LEFT JOIN stories s ON s.id = i.story_id LEFT JOIN people r ON r.id = i.reader_id
        WHERE i.segment_id = $1 ORDER BY i.position`,
      [segmentId],
    );
  }

  rundownItemSummaries(segmentId: string, tx?: Db): Promise<Array<{ id: string; title: string; duration_seconds: number }>> {
    return rows<{ id: string; title: string; duration_seconds: number }>(
      this.on(tx),
      `SELECT id, title, duration_seconds FROM rundown_items WHERE segment_id = $1 ORDER BY position`,
      [segmentId],
    );
  }

  /** Replaces the rundown's items and bumps its version. */
  async replaceRundown(segmentId: string, items: RundownItemToWrite[], actorId: string | null, tx: Db): Promise<void> {
    await exec(tx, `DELETE FROM rundown_items WHERE segment_id = $1`, [segmentId]);
    if (items.length) {
      await exec(
        tx,
        `INSERT INTO rundown_items (id, segment_id, position, title, kind, duration_seconds, story_id, notes, script, post_at, reader_id)
         SELECT COALESCE(item.id, gen_random_uuid()), $1, item.position, item.title, item.kind, item.duration_seconds, item.story_id, item.notes,
                item.script, item.post_at, item.reader_id
           FROM unnest($2::uuid[], $3::int[], $4::text[], $5::text[], $6::int[], $7::uuid[], $8::text[], $9::jsonb[], $10::timestamptz[], $11::uuid[])
                AS item (id, position, title, kind, duration_seconds, story_id, notes, script, post_at, reader_id)`,
        [
          segmentId,
          items.map((item) => item.id),
          items.map((_, i) => i + 1),
          items.map((item) => item.title),
          items.map((item) => item.kind),
          items.map((item) => item.durationSeconds),
          items.map((item) => item.storyId),
          items.map((item) => item.notes),
          items.map((item) => JSON.stringify(item.script)),
          items.map((item) => (item.postAt === null ? null : new Date(item.postAt))),
          items.map((item) => item.readerId),
        ],
      );
    }
    await exec(tx, `UPDATE rundowns SET version = version + 1, updated_at = now(), updated_by = $2 WHERE segment_id = $1`, [
      segmentId,
      actorId,
    ]);
  }

  async existingPersonIds(ids: string[], tx?: Db): Promise<Set<string>> {
    const found = await rows<{ id: string }>(this.on(tx), `SELECT id FROM people WHERE id = ANY($1::uuid[])`, [ids]);
    return new Set(found.map((row) => row.id));
  }

  async existingStoryIds(ids: string[], tx?: Db): Promise<Set<string>> {
    const found = await rows<{ id: string }>(this.on(tx), `SELECT id FROM stories WHERE id = ANY($1::uuid[])`, [ids]);
    return new Set(found.map((row) => row.id));
  }
}
