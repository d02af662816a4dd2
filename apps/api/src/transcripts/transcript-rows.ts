import {
  TranscriptInputSchema, fieldErrors, isCueTurn, renderTranscript, storedTranscriptTurn, transcriptToText,
  type FieldError, type StoredTranscriptTurn, type TranscriptPerson, type TranscriptSnapshot, type TranscriptTurnInput, type TranscriptTurnWrite,
} from '@newsdesk/contracts';
import type { EntityManager } from 'typeorm';
import { ValidationError } from '../common/errors.js';

/**
 * A story's transcript as rows of `transcript_turns` (story, position, speaker reference, text or
 * cue) with each turn's broadcast label rendered at write time (`rendered_label`), and the story's
 * `transcript_text` (the broadcast plain text, searched with weight D and read by tag suggestions).
 * Every function runs in the caller's transaction.
 */

export const EMPTY_TRANSCRIPT: TranscriptSnapshot = { turns: [] };

interface TurnRow {
  story_id: string; position: number; person_id: string | null; unidentified: string | null; unidentified_number: number | null;
  role: string | null; title: string | null; annotation: string | null; text: string | null; cue: string | null; label: string | null;
}

const TURN_COLUMNS = 'story_id, position, person_id, unidentified, unidentified_number, role, title, annotation, text, cue, label';

function storedOf(row: TurnRow): StoredTranscriptTurn {
  if (row.cue !== null) return { cue: row.cue };
  return {
    personId: row.person_id,
    unidentified: row.unidentified === null ? null : { descriptor: row.unidentified, number: row.unidentified_number },
    role: row.role, title: row.title, annotation: row.annotation, text: row.text ?? '', label: row.label,
  };
}

/** The stored turns of a story, in order (what a revision snapshots). */
export async function readTranscript(tx: EntityManager, storyId: string): Promise<TranscriptSnapshot> {
  const rows: TurnRow[] = await tx.query(`SELECT ${TURN_COLUMNS} FROM transcript_turns WHERE story_id = $1 ORDER BY position`, [storyId]);
  return { turns: rows.map(storedOf) };
}

interface PersonRow { id: string; slug: string; display_name: string; given_name: string; family_name: string; label_title: string | null; is_staff: boolean }

const toPerson = (row: PersonRow): TranscriptPerson => ({
  id: row.id, slug: row.slug, displayName: row.display_name, givenName: row.given_name, familyName: row.family_name,
  labelTitle: row.label_title, aliases: [], isStaff: row.is_staff,
});

const PEOPLE_SQL = `SELECT p.id, p.slug, p.display_name, p.given_name, p.family_name, p.label_title,
       EXISTS (SELECT 1 FROM correspondents c WHERE c.person_id = p.id) AS is_staff
  FROM people p WHERE p.id = ANY($1::uuid[])`;

/** The speakers of a transcript about to be written, share-locked (see `lockSpeakers`). */
export interface Speakers { people: Map<string, TranscriptPerson>; survivors: Map<string, string> }

const personIdsOf = (turns: readonly TranscriptTurnWrite[]) => [...new Set(turns.flatMap((turn) => (!isCueTurn(turn) && turn.personId ? [turn.personId] : [])))];

/**
 * The people a transcript names, share-locked, with merged-away ids mapped to their survivor.
 *
 * Lock order, everywhere: people first, then stories. A story write that carries a transcript
 * locks its speakers here BEFORE its story row (StoryWriter.write's `transcript` option); a rename
 * or merge locks the person, then the stories they speak in (`lockStories`). So a rename either
 * waits for the write (and then renders the stored turns again) or commits first (and the write
 * reads the new name), and the two never wait on each other in a cycle.
 */
export async function lockSpeakers(tx: EntityManager, turns: readonly TranscriptTurnWrite[]): Promise<Speakers> {
  const ids = personIdsOf(turns);
  const people = new Map<string, TranscriptPerson>();
  const survivors = new Map<string, string>();
  if (!ids.length) return { people, survivors };
  const rows: PersonRow[] = await tx.query(`${PEOPLE_SQL} ORDER BY p.id FOR SHARE OF p`, [ids]);
  for (const row of rows) people.set(row.id, toPerson(row));
  const missing = ids.filter((id) => !people.has(id));
  if (missing.length) {
    const merged: Array<{ from_id: string; into_id: string }> = await tx.query(`SELECT from_id, into_id FROM person_merges WHERE from_id = ANY($1::uuid[])`, [missing]);
    const intoIds = [...new Set(merged.map((m) => m.into_id))].filter((id) => !people.has(id));
    if (intoIds.length) {
      const more: PersonRow[] = await tx.query(`${PEOPLE_SQL} ORDER BY p.id FOR SHARE OF p`, [intoIds]);
      for (const row of more) people.set(row.id, toPerson(row));
    }
    for (const { from_id: from, into_id: into } of merged) if (people.has(into)) survivors.set(from, into);
  }
  return { people, survivors };
}

const sameTranscript = (a: TranscriptSnapshot, b: TranscriptSnapshot) => JSON.stringify(a.turns) === JSON.stringify(b.turns);

export interface SavedTranscript {
  transcript: TranscriptSnapshot;
  /** The broadcast plain text for `stories.transcript_text`. */
  text: string;
}

/**
 * Replaces a story's transcript: checks every speaker exists (400 naming `transcript.turns.N.personId`),
 * renders the labels, rewrites the rows. Returns null when the turns are those already stored
 * (nothing is written then).
 */
export async function saveTranscript(
  tx: EntityManager, storyId: string, input: readonly TranscriptTurnWrite[], current: TranscriptSnapshot, locked?: Speakers,
): Promise<SavedTranscript | null> {
  const missing = locked ? personIdsOf(input).filter((id) => !locked.people.has(id) && !locked.survivors.has(id)) : null;
  const { people, survivors } = locked && !missing?.length ? locked : await lockSpeakers(tx, input);
  const errors: FieldError[] = [];
  const turns = input.map((turn, i) => {
    const stored = storedTranscriptTurn(turn);
    if (isCueTurn(stored) || !stored.personId) return stored;
    const personId = survivors.get(stored.personId) ?? stored.personId;
    if (!people.has(personId)) errors.push({ field: `transcript.turns.${i}.personId`, message: `No person with the id ${stored.personId}: choose the speaker again` });
    return { ...stored, personId };
  });
  if (errors.length) throw new ValidationError(errors, 'The transcript names people who are not in the registry.');
  const transcript = { turns };
  if (sameTranscript(transcript, current)) return null;

  const rendered = renderTranscript(turns, people);
  await tx.query(`DELETE FROM transcript_turns WHERE story_id = $1`, [storyId]);
  if (turns.length) {
    const column = <T>(pick: (turn: StoredTranscriptTurn, i: number) => T) => turns.map(pick);
    const spoken = (turn: StoredTranscriptTurn) => (isCueTurn(turn) ? null : turn);
    await tx.query(
      `INSERT INTO transcript_turns (${TURN_COLUMNS}, rendered_label)
       SELECT $1::uuid, t.* FROM unnest($2::int[], $3::uuid[], $4::text[], $5::int[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[]) AS t`,
      [
        storyId,
        column((_, i) => i),
        column((t) => spoken(t)?.personId ?? null),
        column((t) => spoken(t)?.unidentified?.descriptor ?? null),
        column((t) => spoken(t)?.unidentified?.number ?? null),
        column((t) => spoken(t)?.role ?? null),
        column((t) => spoken(t)?.title ?? null),
        column((t) => spoken(t)?.annotation ?? null),
        column((t) => spoken(t)?.text ?? null),
        column((t) => (isCueTurn(t) ? t.cue : null)),
        column((t) => spoken(t)?.label ?? null),
        rendered.map((turn) => ('label' in turn ? turn.label : null)),
      ],
    );
  }
  return { transcript, text: transcriptToText(rendered) };
}

/** A revision's transcript, validated again (the rules may have moved since it was saved). */
export function transcriptFromSnapshot(snapshot: unknown): TranscriptTurnInput[] {
  const parsed = TranscriptInputSchema.safeParse(snapshot ?? EMPTY_TRANSCRIPT);
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error).map((e) => ({ ...e, field: `transcript.${e.field}` })), 'This revision\'s transcript no longer passes validation.');
  return parsed.data.turns;
}

/** How many stories are re-rendered per round trip when a person changes. */
const RERENDER_BATCH = 200;

/**
 * Recomputes the labels and `transcript_text` of the stories a person speaks in, after their names
 * changed (a rename) or their turns moved (a merge). Labels depend on every speaker of a story
 * (shared family names), so whole stories are rendered again. Story versions do not move: the
 * content (who speaks, what they say) is the same, only its derived text changes.
 */
export async function rerenderTranscriptsOf(tx: EntityManager, personId: string): Promise<number> {
  const ids = await lockStoriesOf(tx, [personId]);
  for (let i = 0; i < ids.length; i += RERENDER_BATCH) await rerenderStories(tx, ids.slice(i, i + RERENDER_BATCH));
  return ids.length;
}

/**
 * Locks (FOR UPDATE, in id order) the stories these people speak in and returns their ids. The
 * caller holds the people's own locks already (see `lockSpeakers` on the order), so no story
 * write can add a turn of theirs meanwhile.
 */
export async function lockStoriesOf(tx: EntityManager, personIds: string[]): Promise<string[]> {
  const rows: Array<{ id: string }> = await tx.query(
    `SELECT s.id FROM stories s WHERE s.id IN (SELECT story_id FROM transcript_turns WHERE person_id = ANY($1::uuid[])) ORDER BY s.id FOR UPDATE OF s`,
    [personIds],
  );
  return rows.map((row) => row.id);
}

export async function rerenderStories(tx: EntityManager, storyIds: string[]): Promise<void> {
  if (!storyIds.length) return;
  const rows: TurnRow[] = await tx.query(`SELECT ${TURN_COLUMNS} FROM transcript_turns WHERE story_id = ANY($1::uuid[]) ORDER BY story_id, position`, [storyIds]);
  const personIds = [...new Set(rows.flatMap((row) => (row.person_id ? [row.person_id] : [])))];
  const people = new Map<string, TranscriptPerson>();
  if (personIds.length) for (const row of (await tx.query(PEOPLE_SQL, [personIds])) as PersonRow[]) people.set(row.id, toPerson(row));
  const byStory = new Map<string, TurnRow[]>();
  for (const row of rows) byStory.set(row.story_id, [...(byStory.get(row.story_id) ?? []), row]);

  const labels = { story: [] as string[], position: [] as number[], label: [] as Array<string | null> };
  const texts = { story: [] as string[], text: [] as string[] };
  for (const [storyId, turns] of byStory) {
    const rendered = renderTranscript(turns.map(storedOf), people);
    rendered.forEach((turn, i) => {
      labels.story.push(storyId);
      labels.position.push(turns[i]!.position);
      labels.label.push('label' in turn ? turn.label : null);
    });
    texts.story.push(storyId);
    texts.text.push(transcriptToText(rendered));
  }
  await tx.query(
    `UPDATE transcript_turns t SET rendered_label = u.label
       FROM unnest($1::uuid[], $2::int[], $3::text[]) AS u(story_id, position, label)
      WHERE t.story_id = u.story_id AND t.position = u.position AND t.rendered_label IS DISTINCT FROM u.label`,
    [labels.story, labels.position, labels.label],
  );
  await tx.query(
    `UPDATE stories s SET transcript_text = u.text FROM unnest($1::uuid[], $2::text[]) AS u(id, text)
      WHERE s.id = u.id AND s.transcript_text IS DISTINCT FROM u.text`,
    [texts.story, texts.text],
  );
}

/**
 * Revisions' transcripts as broadcast text, for the word diff between two revisions: labels
 * rendered with today's names; a speaker no longer in the registry prints as UNKNOWN SPEAKER.
 */
export async function snapshotsAsText(tx: EntityManager, snapshots: unknown[]): Promise<string[]> {
  const transcripts = snapshots.map((snapshot) => {
    const parsed = TranscriptInputSchema.safeParse(snapshot ?? EMPTY_TRANSCRIPT);
    return parsed.success ? parsed.data.turns.map(storedTranscriptTurn) : [];
  });
  const ids = [...new Set(transcripts.flat().flatMap((turn) => (!isCueTurn(turn) && turn.personId ? [turn.personId] : [])))];
  const people = new Map<string, TranscriptPerson>();
  if (ids.length) for (const row of (await tx.query(PEOPLE_SQL, [ids])) as PersonRow[]) people.set(row.id, toPerson(row));
  return transcripts.map((turns) =>
    transcriptToText(renderTranscript(turns.map((turn) => (!isCueTurn(turn) && turn.personId && !people.has(turn.personId) ? { ...turn, personId: null, label: 'UNKNOWN SPEAKER' } : turn)), people)),
  );
}

/** Summary of a transcript for the audit log (its text would bloat every entry). */
export function transcriptAudit(transcript: TranscriptSnapshot): { turns: number; speakers: number } {
  const speakers = new Set(transcript.turns.flatMap((turn) => (!isCueTurn(turn) && turn.personId ? [turn.personId] : [])));
  return { turns: transcript.turns.length, speakers: speakers.size };
}
