import { defined } from '@newsdesk/contracts';
import {
  TranscriptInputSchema,
  broadcastText,
  fieldErrors,
  storedSpelling,
  type TranscriptSpelling,
  isCueTurn,
  renderTranscript,
  storedTiming,
  storedTranscriptTurn,
  transcriptToText,
  type FieldError,
  type StoredTranscriptTurn,
  type TranscriptPerson,
  type TranscriptSnapshot,
  type TranscriptTurnInput,
  type TranscriptTurnWrite,
} from '@newsdesk/contracts';
import type { Db } from '../common/db.js';
import { ValidationError } from '../common/errors.js';
import { TranscriptsRepository, type SpeakerRow, type TurnRow } from './transcripts.repository.js';

/**
 * A story's transcript as rows of `transcript_turns` (story, position, speaker reference, text or
 * cue) with each turn's broadcast label rendered at write time (`rendered_label`), and the story's
 * `transcript_text` (the broadcast plain text, searched with weight D and read by tag suggestions).
 * Every function runs in the caller's transaction, through the transcripts' repository.
 */

const repository = new TranscriptsRepository();

export const EMPTY_TRANSCRIPT: TranscriptSnapshot = { turns: [] };

function storedOf(row: TurnRow): StoredTranscriptTurn {
  const timing = storedTiming({ startMs: row.start_ms, endMs: row.end_ms, marks: row.marks });
  if (row.cue !== null) return { cue: row.cue, ...timing };
  return {
    personId: row.person_id,
    unidentified: row.unidentified === null ? null : { descriptor: row.unidentified, number: row.unidentified_number },
    role: row.role,
    title: row.title,
    annotation: row.annotation,
    text: row.text ?? '',
    label: row.label,
    ...timing,
    ...(row.spellings?.length ? { spellings: row.spellings.map(storedSpelling) } : {}),
  };
}

/** A stored turn as the public reads it: " (ph)" after its unverified spellings (contracts' broadcastText). */
function publicForm(turn: StoredTranscriptTurn): StoredTranscriptTurn {
  if (isCueTurn(turn) || !turn.spellings?.length) return turn;
  return { ...turn, text: broadcastText(turn.text, turn.spellings).text };
}

/** Who verifies the spellings a write marks verified (the signed-in user). */
export interface Verifier {
  id: string;
  name: string;
}

/**
 * The verification fields of a write's spans are the API's, never the client's: a span marked
 * verified keeps the record of an already stored verified span of the same spelling in the story
 * (so saving again, moving or splitting a turn keeps who checked it and when), else it is verified
 * now by `verifier`; an unverified span has none.
 */
function recordVerifications(turns: StoredTranscriptTurn[], current: TranscriptSnapshot, verifier: Verifier | undefined, now: string) {
  const known = new Map<string, TranscriptSpelling>();
  for (const turn of current.turns) {
    if (isCueTurn(turn)) continue;
    for (const span of turn.spellings ?? []) if (span.verified) known.set(turn.text.slice(span.at, span.end), span);
  }
  return turns.map((turn) => {
    if (isCueTurn(turn) || !turn.spellings?.length) return turn;
    const spellings = turn.spellings.map((span): TranscriptSpelling => {
      if (!span.verified) return { ...span, verifiedBy: null, verifiedByName: null, verifiedAt: null };
      const before = known.get(turn.text.slice(span.at, span.end));
      if (before) return { ...span, verifiedBy: before.verifiedBy, verifiedByName: before.verifiedByName, verifiedAt: before.verifiedAt };
      return { ...span, verifiedBy: verifier?.id ?? null, verifiedByName: verifier?.name ?? null, verifiedAt: now };
    });
    return { ...turn, spellings };
  });
}

/** The stored turns of a story, in order (what a revision snapshots). */
export async function readTranscript(tx: Db, storyId: string): Promise<TranscriptSnapshot> {
  return { turns: (await repository.turns([storyId], tx)).map(storedOf) };
}

const toPerson = (row: SpeakerRow): TranscriptPerson => ({
  id: row.id,
  slug: row.slug,
  displayName: row.display_name,
  givenName: row.given_name,
  familyName: row.family_name,
  labelTitle: row.label_title,
  aliases: [],
  isStaff: row.is_staff,
});

/** The speakers of a transcript about to be written, share-locked (see `lockSpeakers`). */
export interface Speakers {
  people: Map<string, TranscriptPerson>;
  survivors: Map<string, string>;
}

const personIdsOf = (turns: readonly TranscriptTurnWrite[]) => [
  ...new Set(turns.flatMap((turn) => (!isCueTurn(turn) && turn.personId ? [turn.personId] : []))),
];

/**
 * The people a transcript names, share-locked, with merged-away ids mapped to their survivor.
 *
 * Lock order, everywhere: people first, then stories. A story write that carries a transcript
 * locks its speakers here BEFORE its story row (StoryWriter.write's `transcript` option); a rename
 * or merge locks the person, then the stories they speak in (`lockStories`). So a rename either
 * waits for the write (and then renders the stored turns again) or commits first (and the write
 * reads the new name), and the two never wait on each other in a cycle.
 */
export async function lockSpeakers(tx: Db, turns: readonly TranscriptTurnWrite[]): Promise<Speakers> {
  const ids = personIdsOf(turns);
  const people = new Map<string, TranscriptPerson>();
  const survivors = new Map<string, string>();
  if (!ids.length) return { people, survivors };
  for (const row of await repository.speakers(ids, true, tx)) people.set(row.id, toPerson(row));
  const missing = ids.filter((id) => !people.has(id));
  if (missing.length) {
    const merged = await repository.merges(missing, tx);
    const intoIds = [...new Set(merged.map((m) => m.into_id))].filter((id) => !people.has(id));
    if (intoIds.length) {
      for (const row of await repository.speakers(intoIds, true, tx)) people.set(row.id, toPerson(row));
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
  tx: Db,
  storyId: string,
  input: readonly TranscriptTurnWrite[],
  current: TranscriptSnapshot,
  locked?: Speakers,
  verifier?: Verifier,
): Promise<SavedTranscript | null> {
  const missing = locked ? personIdsOf(input).filter((id) => !locked.people.has(id) && !locked.survivors.has(id)) : null;
  const { people, survivors } = locked && !missing?.length ? locked : await lockSpeakers(tx, input);
  const errors: FieldError[] = [];
  const turns = input.map((turn, i) => {
    const stored = storedTranscriptTurn(turn);
    if (isCueTurn(stored) || !stored.personId) return stored;
    const personId = survivors.get(stored.personId) ?? stored.personId;
    if (!people.has(personId))
      errors.push({
        field: `transcript.turns.${i}.personId`,
        message: `No person with the id ${stored.personId}: choose the speaker again`,
      });
    return { ...stored, personId };
  });
  if (errors.length) throw new ValidationError(errors, 'The transcript names people who are not in the registry.');
  const transcript = { turns: recordVerifications(turns, current, verifier, new Date().toISOString()) };
  if (sameTranscript(transcript, current)) return null;

  const publicTurns = transcript.turns.map(publicForm);
  const rendered = renderTranscript(publicTurns, people);
  const column = <T>(pick: (turn: StoredTranscriptTurn) => T) => turns.map(pick);
  const spoken = (turn: StoredTranscriptTurn) => (isCueTurn(turn) ? null : turn);
  await repository.replaceTurns(tx, storyId, {
    person_id: column((t) => spoken(t)?.personId ?? null),
    unidentified: column((t) => spoken(t)?.unidentified?.descriptor ?? null),
    unidentified_number: column((t) => spoken(t)?.unidentified?.number ?? null),
    role: column((t) => spoken(t)?.role ?? null),
    title: column((t) => spoken(t)?.title ?? null),
    annotation: column((t) => spoken(t)?.annotation ?? null),
    text: column((t) => spoken(t)?.text ?? null),
    cue: column((t) => (isCueTurn(t) ? t.cue : null)),
    label: column((t) => spoken(t)?.label ?? null),
    rendered_label: rendered.map((turn) => ('label' in turn ? turn.label : null)),
    start_ms: column((t) => t.startMs ?? null),
    end_ms: column((t) => t.endMs ?? null),
    marks: column((t) => (t.marks?.length ? JSON.stringify(t.marks) : null)),
    spellings: transcript.turns.map((t) => (!isCueTurn(t) && t.spellings?.length ? JSON.stringify(t.spellings) : null)),
    public_text: publicTurns.map((t, i) => {
      const stored = transcript.turns[i];
      return !isCueTurn(t) && stored && !isCueTurn(stored) && t.text !== stored.text ? t.text : null;
    }),
  });
  return { transcript, text: transcriptToText(rendered) };
}

/**
 * Times stay inside the story's primary audio (the first of its audio list) when its duration is
 * known: 400 naming `transcript.turns.N.startMs` (or `.endMs`) of the first turn past its end.
 * Run after the transcript and the audio list of a write are both stored.
 */
export async function checkTimesWithinAudio(tx: Db, storyId: string): Promise<void> {
  const beyond = await repository.turnBeyondAudio(tx, storyId);
  if (!beyond) return;
  const field = `transcript.turns.${beyond.position}.${beyond.start_beyond ? 'startMs' : 'endMs'}`;
  throw new ValidationError(
    [{ field, message: `This turn's time lies past the end of the story's primary audio (${beyond.duration_ms} ms)` }],
    "The transcript's times lie beyond the story's primary audio.",
  );
}

/** A revision's transcript, validated again (the rules may have moved since it was saved). */
export function transcriptFromSnapshot(snapshot: unknown): TranscriptTurnInput[] {
  const parsed = TranscriptInputSchema.safeParse(snapshot ?? EMPTY_TRANSCRIPT);
  if (!parsed.success)
    throw new ValidationError(
      fieldErrors(parsed.error).map((e) => ({ ...e, field: `transcript.${e.field}` })),
      "This revision's transcript no longer passes validation.",
    );
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
export async function rerenderTranscriptsOf(tx: Db, personId: string): Promise<number> {
  const ids = await lockStoriesOf(tx, [personId]);
  for (let i = 0; i < ids.length; i += RERENDER_BATCH) await rerenderStories(tx, ids.slice(i, i + RERENDER_BATCH));
  return ids.length;
}

/**
 * Locks (FOR UPDATE, in id order) the stories these people speak in and returns their ids. The
 * caller holds the people's own locks already (see `lockSpeakers` on the order), so no story
 * write can add a turn of theirs meanwhile.
 */
export function lockStoriesOf(tx: Db, personIds: string[]): Promise<string[]> {
  return repository.lockStoriesOf(tx, personIds);
}

/** Remembers the story's speaker mappings for its program (see TranscriptsRepository.rememberSpeakers). */
export function rememberSpeakers(tx: Db, storyId: string): Promise<void> {
  return repository.rememberSpeakers(tx, storyId);
}

/** A merged duplicate's turns become the survivor's (the caller locked both people and their stories). */
export function moveTurns(tx: Db, fromId: string, toId: string): Promise<void> {
  return repository.moveTurns(tx, fromId, toId);
}

export async function rerenderStories(tx: Db, storyIds: string[]): Promise<void> {
  if (!storyIds.length) return;
  const rows = await repository.turns(storyIds, tx);
  const personIds = [...new Set(rows.flatMap((row) => (row.person_id ? [row.person_id] : [])))];
  const people = new Map<string, TranscriptPerson>();
  if (personIds.length) for (const row of await repository.speakers(personIds, false, tx)) people.set(row.id, toPerson(row));
  const byStory = new Map<string, TurnRow[]>();
  for (const row of rows) byStory.set(row.story_id, [...(byStory.get(row.story_id) ?? []), row]);

  const labels = { story: [] as string[], position: [] as number[], label: [] as Array<string | null> };
  const texts = { story: [] as string[], text: [] as string[] };
  for (const [storyId, turns] of byStory) {
    const rendered = renderTranscript(turns.map(storedOf).map(publicForm), people);
    rendered.forEach((turn, i) => {
      labels.story.push(storyId);
      labels.position.push(defined(turns[i], 'turn').position);
      labels.label.push('label' in turn ? turn.label : null);
    });
    texts.story.push(storyId);
    texts.text.push(transcriptToText(rendered));
  }
  await repository.setRenderedLabels(tx, labels);
  await repository.setTranscriptTexts(tx, texts);
}

/**
 * Revisions' transcripts as broadcast text, for the word diff between two revisions: labels
 * rendered with today's names; a speaker no longer in the registry prints as UNKNOWN SPEAKER.
 */
export async function snapshotsAsText(snapshots: unknown[], speakers: (ids: string[]) => Promise<SpeakerRow[]>): Promise<string[]> {
  const transcripts = snapshots.map((snapshot) => {
    const parsed = TranscriptInputSchema.safeParse(snapshot ?? EMPTY_TRANSCRIPT);
    return parsed.success ? parsed.data.turns.map(storedTranscriptTurn) : [];
  });
  const ids = [...new Set(transcripts.flat().flatMap((turn) => (!isCueTurn(turn) && turn.personId ? [turn.personId] : [])))];
  const people = new Map<string, TranscriptPerson>();
  if (ids.length) for (const row of await speakers(ids)) people.set(row.id, toPerson(row));
  return transcripts.map((turns) =>
    transcriptToText(
      renderTranscript(
        turns.map((turn) =>
          !isCueTurn(turn) && turn.personId && !people.has(turn.personId) ? { ...turn, personId: null, label: 'UNKNOWN SPEAKER' } : turn,
        ),
        people,
      ),
    ),
  );
}

/** Summary of a transcript for the audit log (its text would bloat every entry). */
export function transcriptAudit(transcript: TranscriptSnapshot): { turns: number; speakers: number } {
  const speakers = new Set(transcript.turns.flatMap((turn) => (!isCueTurn(turn) && turn.personId ? [turn.personId] : [])));
  return { turns: transcript.turns.length, speakers: speakers.size };
}
