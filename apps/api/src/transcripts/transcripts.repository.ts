import { Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { TranscriptSpelling } from '@newsdesk/contracts';
import { exec, rows, type Db } from '../common/db.js';

/** One stored turn of `transcript_turns` (without its rendered label). */
export interface TurnRow {
  story_id: string;
  position: number;
  person_id: string | null;
  unidentified: string | null;
  unidentified_number: number | null;
  role: string | null;
  title: string | null;
  annotation: string | null;
  text: string | null;
  cue: string | null;
  label: string | null;
  start_ms: number | null;
  end_ms: number | null;
  marks: Array<{ at: number; ms: number }> | null;
  spellings: TranscriptSpelling[] | null;
}

/** A speaker as labels are rendered from (the people's registry, read for transcripts). */
export interface SpeakerRow {
  id: string;
  slug: string;
  display_name: string;
  given_name: string;
  family_name: string;
  label_title: string | null;
  is_staff: boolean;
}

/** A merged-away person and its survivor. */
export interface PersonMergeRow {
  from_id: string;
  into_id: string;
}

/** The columns of a story's turns, one array per column, in position order (see `replaceTurns`). */
export interface TurnColumns {
  person_id: Array<string | null>;
  unidentified: Array<string | null>;
  unidentified_number: Array<number | null>;
  role: Array<string | null>;
  title: Array<string | null>;
  annotation: Array<string | null>;
  text: Array<string | null>;
  cue: Array<string | null>;
  label: Array<string | null>;
  rendered_label: Array<string | null>;
  start_ms: Array<number | null>;
  end_ms: Array<number | null>;
  /** JSON text of each turn's sentence marks, or null. */
  marks: Array<string | null>;
  /** JSON text of each turn's spelling spans, or null; and its public text when it differs (unverified spans). */
  spellings: Array<string | null>;
  public_text: Array<string | null>;
}

const TURN_COLUMNS =
  'story_id, position, person_id, unidentified, unidentified_number, role, title, annotation, text, cue, label, start_ms, end_ms, marks, spellings';

const SPEAKERS_SQL = `SELECT p.id, p.slug, p.display_name, p.given_name, p.family_name, p.label_title,
       EXISTS (SELECT 1 FROM correspondents c WHERE c.person_id = p.id) AS is_staff
  FROM people p WHERE p.id = ANY($1::uuid[])`;

/**
 * Every SQL statement of transcripts: the turns of stories, the speakers they name (read from the
 * people's registry, share-locked while a transcript is written) and the stories' broadcast text.
 * Most run inside a caller's transaction (`tx`); `new TranscriptsRepository()` (no DataSource)
 * serves the transcript functions that always get one.
 */
@Injectable()
export class TranscriptsRepository {
  constructor(@Optional() private readonly db?: DataSource) {}

  private use(tx?: Db): Db {
    const db = tx ?? this.db;
    if (!db) throw new Error('TranscriptsRepository: pass a transaction (no DataSource)');
    return db;
  }

  /** The turns of these stories, by story and position. */
  turns(storyIds: string[], tx?: Db): Promise<TurnRow[]> {
    return rows<TurnRow>(
      this.use(tx),
      `SELECT ${TURN_COLUMNS} FROM transcript_turns WHERE story_id = ANY($1::uuid[]) ORDER BY story_id, position`,
      [storyIds],
    );
  }

  /** The speakers with these ids; `lock`: share-locked (FOR SHARE, in id order). */
  speakers(ids: string[], lock: boolean, tx?: Db): Promise<SpeakerRow[]> {
    return rows<SpeakerRow>(this.use(tx), lock ? `${SPEAKERS_SQL} ORDER BY p.id FOR SHARE OF p` : SPEAKERS_SQL, [ids]);
  }

  /** Where these (merged-away) people went. */
  merges(fromIds: string[], tx?: Db): Promise<PersonMergeRow[]> {
    return rows<PersonMergeRow>(this.use(tx), `SELECT from_id, into_id FROM person_merges WHERE from_id = ANY($1::uuid[])`, [fromIds]);
  }

  /** Replaces the story's turns with these (positions 0..n-1). */
  async replaceTurns(tx: Db, storyId: string, turns: TurnColumns): Promise<void> {
    await exec(tx, `DELETE FROM transcript_turns WHERE story_id = $1`, [storyId]);
    if (!turns.rendered_label.length) return;
    await exec(
      tx,
      `INSERT INTO transcript_turns (${TURN_COLUMNS}, rendered_label, public_text)
       SELECT $1::uuid, t.p, t.person, t.u, t.un, t.role, t.title, t.annotation, t.text, t.cue, t.label, t.start_ms, t.end_ms, t.marks::jsonb,
              t.spellings::jsonb, t.rendered, t.public_text
         FROM unnest($2::int[], $3::uuid[], $4::text[], $5::int[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[],
                     $13::int[], $14::int[], $15::text[], $16::text[], $17::text[])
           AS t(p, person, u, un, role, title, annotation, text, cue, label, rendered, start_ms, end_ms, marks, spellings, public_text)`,
      [
        storyId,
        turns.rendered_label.map((_, i) => i),
        turns.person_id,
        turns.unidentified,
        turns.unidentified_number,
        turns.role,
        turns.title,
        turns.annotation,
        turns.text,
        turns.cue,
        turns.label,
        turns.rendered_label,
        turns.start_ms,
        turns.end_ms,
        turns.marks,
        turns.spellings,
        turns.public_text,
      ],
    );
  }

  /**
   * The first turn (position, and whether its start is past the end too) whose end lies beyond the
   * story's primary audio (first of its audio list), when that audio's duration is known; null otherwise.
   */
  async turnBeyondAudio(tx: Db, storyId: string): Promise<{ position: number; start_beyond: boolean; duration_ms: number } | null> {
    const [row] = await rows<{ position: number; start_beyond: boolean; duration_ms: number }>(
      tx,
      `SELECT tt.position, tt.start_ms >= a.duration_ms AS start_beyond, a.duration_ms
         FROM story_audio sa JOIN audio_assets a ON a.id = sa.asset_id
         JOIN transcript_turns tt ON tt.story_id = sa.story_id
        WHERE sa.story_id = $1 AND sa.position = 0 AND a.duration_ms IS NOT NULL AND tt.end_ms > a.duration_ms
        ORDER BY tt.position LIMIT 1`,
      [storyId],
    );
    return row ?? null;
  }

  /** The turns of `fromId` become `toId`'s (a person merge). */
  moveTurns(tx: Db, fromId: string, toId: string): Promise<void> {
    return exec(tx, `UPDATE transcript_turns SET person_id = $2 WHERE person_id = $1`, [fromId, toId]);
  }

  /** Locks (FOR UPDATE, in id order) the stories these people speak in; returns their ids. */
  async lockStoriesOf(tx: Db, personIds: string[]): Promise<string[]> {
    const found = await rows<{ id: string }>(
      tx,
      `SELECT s.id FROM stories s WHERE s.id IN (SELECT story_id FROM transcript_turns WHERE person_id = ANY($1::uuid[])) ORDER BY s.id FOR UPDATE OF s`,
      [personIds],
    );
    return found.map((row) => row.id);
  }

  /** Sets the rendered labels of these turns (story, position, label), where they changed. */
  setRenderedLabels(tx: Db, labels: { story: string[]; position: number[]; label: Array<string | null> }): Promise<void> {
    return exec(
      tx,
      `UPDATE transcript_turns t SET rendered_label = u.label
         FROM unnest($1::uuid[], $2::int[], $3::text[]) AS u(story_id, position, label)
        WHERE t.story_id = u.story_id AND t.position = u.position AND t.rendered_label IS DISTINCT FROM u.label`,
      [labels.story, labels.position, labels.label],
    );
  }

  /** Sets the stories' `transcript_text` (no new version: the content did not change), where it changed. */
  setTranscriptTexts(tx: Db, texts: { story: string[]; text: string[] }): Promise<void> {
    return exec(
      tx,
      `UPDATE stories s SET transcript_text = u.text FROM unnest($1::uuid[], $2::text[]) AS u(id, text)
        WHERE s.id = u.id AND s.transcript_text IS DISTINCT FROM u.text`,
      [texts.story, texts.text],
    );
  }

  /**
   * Remembers, for the story's program, which person each imported label of its transcript was
   * mapped to when the label does not name that person (a diarized SPEAKER_00, a nickname): the
   * parse of the program's next import offers it first. Labels that carry the person's family name
   * resolve by name anyway and are not kept.
   */
  rememberSpeakers(tx: Db, storyId: string): Promise<void> {
    return exec(
      tx,
      `INSERT INTO transcript_speaker_memory (program_id, label, person_id, last_used_at)
       SELECT DISTINCT s.program_id, upper(btrim(tt.label)), tt.person_id, now()
         FROM stories s JOIN transcript_turns tt ON tt.story_id = s.id JOIN people p ON p.id = tt.person_id
        WHERE s.id = $1 AND s.program_id IS NOT NULL AND btrim(tt.label) <> '' AND length(btrim(tt.label)) <= 200
          AND strpos(upper(tt.label), upper(p.family_name)) = 0
       ON CONFLICT (program_id, label, person_id) DO UPDATE SET last_used_at = now()`,
      [storyId],
    );
  }

  /** A story's context for speaker suggestions: its program, the people of its bylines, the program's hosts (names). */
  async storyContext(storyId: string): Promise<{ program_id: string | null; byline_people: string[]; hosts: string[] } | null> {
    const [row] = await rows<{ program_id: string | null; byline_people: string[]; hosts: string[] }>(
      this.use(),
      `SELECT s.program_id,
              ARRAY(SELECT c.person_id FROM story_bylines b JOIN correspondents c ON c.id = b.correspondent_id
                     WHERE b.story_id = s.id AND c.person_id IS NOT NULL ORDER BY b.position) AS byline_people,
              COALESCE((SELECT pr.hosts FROM programs pr WHERE pr.id = s.program_id), '{}') AS hosts
         FROM stories s WHERE s.id = $1`,
      [storyId],
    );
    return row ?? null;
  }

  /** The people a program's imports mapped these labels to, most recent first. */
  memory(programId: string, labels: string[]): Promise<Array<{ label: string; person_id: string }>> {
    return rows<{ label: string; person_id: string }>(
      this.use(),
      `SELECT label, person_id FROM transcript_speaker_memory WHERE program_id = $1 AND label = ANY($2::text[])
        ORDER BY last_used_at DESC, person_id LIMIT 200`,
      [programId, labels],
    );
  }
}
