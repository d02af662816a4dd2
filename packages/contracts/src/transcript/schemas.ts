import { z } from 'zod';
import { IdSchema } from '../common.js';
import {
  TRANSCRIPT_SPELLINGS_MAX,
  TranscriptSpellingInputSchema,
  TranscriptSpellingSchema,
  spellingProblems,
  storedSpelling,
  type TranscriptSpelling,
} from './spellings.js';

/**
 * Transcript contracts. A transcript is an ordered list of turns; a turn is either spoken (a
 * speaker reference + text) or a cue with no speaker ("SOUNDBITE OF MUSIC"). Labels are never
 * stored as typed: they are rendered from the speaker reference by `renderTranscript`.
 */

/** Largest pasted transcript `POST /api/transcripts/parse` accepts (characters, ~1 MB). */
export const TRANSCRIPT_TEXT_MAX = 1_000_000;
/** Largest text of one turn, and most turns in one story. */
export const TRANSCRIPT_TURN_TEXT_MAX = 100_000;
export const TRANSCRIPT_TURNS_MAX = 5_000;

/**
 * Roles printed after the comma on a speaker's first reference ("LUCIAN KIM, BYLINE").
 * BYLINE (the reporter) and HOST are the ones the convention names; a newsmaker has no role
 * (null). The set is deliberately open: archives and shows also print GUEST HOST, CO-HOST,
 * ANCHOR, ... so any short uppercase phrase is accepted; these are the ones the admin offers.
 */
export const KNOWN_TRANSCRIPT_ROLES = ['BYLINE', 'HOST', 'GUEST HOST', 'CO-HOST', 'ANCHOR', 'GUEST'] as const;

const hasLowercase = (s: string) => /\p{Ll}/u.test(s);
const hasLetter = (s: string) => /\p{L}/u.test(s);

export const TranscriptRoleSchema = z
  .string()
  .regex(/^[A-Z][A-Z' -]{0,38}[A-Z]$/, 'A role is an uppercase word or phrase, e.g. BYLINE or HOST');

/** A title as of this story, printed in front of the name on first reference ("PRESIDENT"). */
export const TranscriptTitleSchema = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[^\s:,()][^:,()\n]*$/, 'A title has no colon, comma, parentheses or line break')
  .refine((s) => !hasLowercase(s) && s === s.trim(), 'A title is written in capitals, e.g. PRESIDENT');

/**
 * An annotation printed in parentheses after the label: "Speaking Russian", "Through
 * interpreter". Written in sentence case: an all-capitals parenthetical is an inline cue and
 * stays in the text.
 */
export const TranscriptAnnotationSchema = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[^()\n]+$/, 'An annotation has no parentheses or line break')
  .refine(
    (s) => hasLowercase(s) && s === s.trim() && !/^ph$/i.test(s),
    'An annotation is written in sentence case, e.g. "Speaking Russian"',
  );

/** A cue, stored without its parentheses: "SOUNDBITE OF MUSIC", "CROSSTALK", "LAUGHTER". */
export const TranscriptCueTextSchema = z
  .string()
  .min(1)
  .max(300)
  .regex(/^[^()\n]+$/, 'A cue has no parentheses or line break')
  .refine((s) => hasLetter(s) && !hasLowercase(s) && s === s.trim(), 'A cue is written in capitals, e.g. SOUNDBITE OF MUSIC');

/**
 * An unidentified speaker: "UNIDENTIFIED MAN #1". `descriptor` is PERSON, MAN, WOMAN, CHILD,
 * REPORTER, GROUP, CROWD ... (open set, capitals). `number` identifies the speaker within the
 * story; the renderer renumbers per story (1, 2, ... by first appearance, and no number at all
 * when the descriptor has one speaker only).
 */
export const UnidentifiedSpeakerSchema = z.object({
  descriptor: z
    .string()
    .max(40)
    .regex(/^[A-Z][A-Z'-]*(?: [A-Z][A-Z'-]*)*$/, 'A descriptor is written in capitals, e.g. MAN'),
  number: z.number().int().min(1).max(999).nullable().default(null),
});
export type UnidentifiedSpeaker = z.infer<typeof UnidentifiedSpeakerSchema>;

/**
 * A person as the transcript code needs it (a projection of the people registry). The first
 * reference prints `displayName`, later ones `familyName`, or "<initial of givenName> <familyName>"
 * when two speakers of the story share a family name.
 */
export const TranscriptPersonSchema = z.object({
  id: IdSchema,
  slug: z.string(),
  displayName: z.string().min(1),
  givenName: z.string(),
  familyName: z.string().min(1),
  /** Default title (the admin pre-fills a turn's title with it; the story keeps its own). */
  labelTitle: z.string().nullable().optional(),
  aliases: z.array(z.string()).default([]),
  /** Staff (correspondents, hosts): the admin pre-fills BYLINE for them. */
  isStaff: z.boolean().optional(),
});
export type TranscriptPerson = z.input<typeof TranscriptPersonSchema>;

/** The matched person, as a parsed turn carries it. */
export const TranscriptSpeakerSchema = z.object({ id: IdSchema, slug: z.string(), displayName: z.string() });
export type TranscriptSpeaker = z.infer<typeof TranscriptSpeakerSchema>;

/** Remarks the parser/resolver attach to a turn for the editor. */
export const TRANSCRIPT_FLAGS = [
  'unverified-spelling', // "(ph)" in the label or the text: a spelling to check
  'older-style', // label in an archive's older style ("NEAL CONAN, host", "Mr. X (Title)")
  'unattributed', // text with no label before it: choose a speaker
  'not-a-transcript', // no label at all in the pasted text: the whole text is one unattributed turn
  'continued', // unlabeled paragraph after a cue: given to the previous speaker
  'unresolved', // a label no person matched
  'ambiguous', // a label several people matched
  'inferred', // matched on a weak clue (family name before any introduction, guessed title)
] as const;
export const TranscriptFlagSchema = z.enum(TRANSCRIPT_FLAGS);
export type TranscriptFlag = z.infer<typeof TranscriptFlagSchema>;

const turnText = z.string().max(TRANSCRIPT_TURN_TEXT_MAX, 'A turn has at most 100,000 characters');

/** Longest time a turn may carry: 24 hours in milliseconds (the audio's duration is checked on save). */
export const TRANSCRIPT_TIME_MAX_MS = 86_400_000;
/** Most sentence marks one turn carries. */
export const TRANSCRIPT_MARKS_MAX = 2_000;
/** A time into the story's primary audio, in whole milliseconds. */
export const TranscriptTimeSchema = z
  .number()
  .int('A time is a whole number of milliseconds')
  .min(0, 'A time is not negative')
  .max(TRANSCRIPT_TIME_MAX_MS, 'A time is at most 24 hours (86,400,000 ms)');
/**
 * A sentence-level timing inside a turn: the character offset `at` of the turn's text is spoken at
 * `ms`. Imports keep one per sentence (from word timings); splitting a turn uses them.
 */
export const TranscriptMarkSchema = z.object({ at: z.number().int().min(0).max(TRANSCRIPT_TURN_TEXT_MAX), ms: TranscriptTimeSchema });
export type TranscriptMark = z.infer<typeof TranscriptMarkSchema>;
/** Optional times of a turn (both or neither; see timed.ts for the rules). */
const timingFields = {
  startMs: TranscriptTimeSchema.nullable().optional(),
  endMs: TranscriptTimeSchema.nullable().optional(),
  marks: z.array(TranscriptMarkSchema).max(TRANSCRIPT_MARKS_MAX).nullable().optional(),
};
export interface TranscriptTiming {
  startMs?: number | null;
  endMs?: number | null;
  marks?: TranscriptMark[] | null;
}

export const TranscriptCueSchema = z.object({ cue: TranscriptCueTextSchema, ...timingFields });
export type TranscriptCue = z.infer<typeof TranscriptCueSchema>;

/**
 * A spoken turn as a story write sends it (`transcript: { turns }`). The speaker is a person
 * (`personId`), an unidentified speaker, or, as a last resort, a free `label` printed verbatim.
 * Parsed turns pass as they are (their extra fields are dropped).
 */
export const TranscriptSpokenInputSchema = z
  .object({
    personId: IdSchema.nullable(),
    unidentified: UnidentifiedSpeakerSchema.nullable().optional(),
    role: TranscriptRoleSchema.nullable().default(null),
    title: TranscriptTitleSchema.nullable().default(null),
    annotation: TranscriptAnnotationSchema.nullable().default(null),
    text: turnText,
    label: z.string().max(200).nullable().optional(),
    ...timingFields,
    /** Unverified ("(ph)") and verified spellings: spans of `text` (spellings.ts). */
    spellings: z.array(TranscriptSpellingInputSchema).max(TRANSCRIPT_SPELLINGS_MAX).nullable().optional(),
  })
  .refine((t) => !(t.personId && t.unidentified), {
    message: 'A turn has one speaker: a person or an unidentified speaker',
    path: ['unidentified'],
  })
  .refine((t) => t.personId !== null || t.unidentified || (t.label ?? '').trim() !== '', {
    message: 'Choose a speaker for this turn',
    path: ['personId'],
  });

export const TranscriptTurnInputSchema = z.union([TranscriptSpokenInputSchema, TranscriptCueSchema]);
export type TranscriptTurnInput = z.infer<typeof TranscriptTurnInputSchema>;
/** A turn as a client writes it (defaults not yet applied). */
export type TranscriptTurnWrite = z.input<typeof TranscriptTurnInputSchema>;
export type TranscriptSpokenInput = z.infer<typeof TranscriptSpokenInputSchema>;

export const TranscriptInputSchema = z.object({
  turns: z
    .array(TranscriptTurnInputSchema)
    .max(TRANSCRIPT_TURNS_MAX)
    .superRefine((turns, ctx) => {
      for (const problem of [...timingProblems(turns), ...spellingProblems(turns)])
        ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
    }),
});
export type TranscriptInput = z.infer<typeof TranscriptInputSchema>;

/** A spoken turn as `POST /api/transcripts/parse` returns it. */
export const ParsedSpokenTurnSchema = z.object({
  /** The label as read, without its colon; null for text that had no label. */
  label: z.string().nullable(),
  personId: IdSchema.nullable(),
  speaker: TranscriptSpeakerSchema.nullable(),
  unidentified: UnidentifiedSpeakerSchema.nullable(),
  role: TranscriptRoleSchema.nullable(),
  title: TranscriptTitleSchema.nullable(),
  annotation: TranscriptAnnotationSchema.nullable(),
  /** As long as the pasted text may be (a non-transcript comes back as one turn). */
  text: z.string().max(TRANSCRIPT_TEXT_MAX),
  /** Older style's parenthetical description ("Chief White House Correspondent, Bloomberg News"). */
  description: z.string().nullable(),
  /** How sure the match of label to person is, 0..1 (1 for unidentified speakers). */
  confidence: z.number().min(0).max(1),
  flags: z.array(TranscriptFlagSchema),
  /** Names marked "(ph)" in the label or the text, for the editor to check. */
  unverifiedSpellings: z.array(z.string()),
  ...timingFields,
  /** Each "Name (ph)" of the text as an unverified span over the name (the "(ph)" is taken out of `text`). */
  spellings: z.array(TranscriptSpellingSchema).optional(),
});
export type ParsedSpokenTurn = z.infer<typeof ParsedSpokenTurnSchema>;

export const ParsedTurnSchema = z.union([ParsedSpokenTurnSchema, TranscriptCueSchema]);
export type ParsedTurn = z.infer<typeof ParsedTurnSchema>;

/** Largest caption or speech-to-text file `POST /api/transcripts/parse` accepts (characters, ~5 MB). */
export const TRANSCRIPT_FILE_MAX = 5_000_000;
/**
 * What `text` holds: pasted broadcast text (the default), a WebVTT or SRT caption file, or
 * speech-to-text JSON (WhisperX `segments[{start,end,text,speaker,words}]`, or the Podcasting 2.0
 * JSON transcript `{version, segments[{speaker,startTime,endTime,body}]}`). See docs/transcripts-timed.md.
 */
export const TRANSCRIPT_FORMATS = ['text', 'vtt', 'srt', 'stt-json'] as const;
export const TranscriptFormatSchema = z.enum(TRANSCRIPT_FORMATS);
export type TranscriptFormat = z.infer<typeof TranscriptFormatSchema>;

export const ParseTranscriptRequestSchema = z
  .strictObject({
    text: z
      .string()
      .max(TRANSCRIPT_FILE_MAX, 'A transcript file has at most 5,000,000 characters')
      .refine((s) => s.trim() !== '', 'Paste a transcript'),
    format: TranscriptFormatSchema.default('text'),
    /**
     * The story the transcript is for: unresolved speakers (a diarized SPEAKER_00) are then offered
     * the people this story's program mapped that label to before, the story's bylines and the
     * program's hosts.
     */
    storyId: IdSchema.optional(),
  })
  .refine((body) => body.format !== 'text' || body.text.length <= TRANSCRIPT_TEXT_MAX, {
    message: 'A pasted transcript has at most 1,000,000 characters',
    path: ['text'],
  });
export type ParseTranscriptRequest = z.infer<typeof ParseTranscriptRequestSchema>;

/** A label no person matched, with the turns that carry it (later surname references included). */
export const UnresolvedLabelSchema = z.object({
  label: z.string(),
  turnIndexes: z.array(z.number().int().min(0)),
  suggestions: z.array(TranscriptSpeakerSchema).optional(),
});
export type UnresolvedLabel = z.infer<typeof UnresolvedLabelSchema>;

export const ParseTranscriptResponseSchema = z.object({
  turns: z.array(ParsedTurnSchema),
  unresolved: z.array(UnresolvedLabelSchema),
  /** The trailing credit line ("Transcript provided by ..."), never part of the speech. */
  credit: z.string().nullable(),
});
export type ParseTranscriptResponse = z.infer<typeof ParseTranscriptResponseSchema>;

/** A turn of the public story: label rendered by the broadcast convention, without its colon. */
export const PublicTranscriptSpokenTurnSchema = z.object({
  label: z.string(),
  speaker: z.object({ name: z.string(), slug: z.string() }).nullable(),
  annotation: z.string().nullable(),
  text: z.string(),
  /** Milliseconds into the story's primary audio, when the turn is timed. */
  startMs: z.number().int().optional(),
  endMs: z.number().int().optional(),
});
export const PublicTranscriptTurnSchema = z.union([
  PublicTranscriptSpokenTurnSchema,
  z.object({ cue: z.string(), startMs: z.number().int().optional(), endMs: z.number().int().optional() }),
]);
export type PublicTranscriptTurn = z.infer<typeof PublicTranscriptTurnSchema>;
export const PublicTranscriptSchema = z.object({ turns: z.array(PublicTranscriptTurnSchema) });
export type PublicTranscript = z.infer<typeof PublicTranscriptSchema>;

/** Narrows a turn of any of these shapes to a cue. */
export function isCueTurn(turn: object): turn is { cue: string } {
  return 'cue' in turn && typeof turn.cue === 'string';
}

/** A speaker as the staff story carries it: what the admin's live preview renders with. */
export const StoryTranscriptPersonSchema = z.object({
  id: IdSchema,
  slug: z.string(),
  displayName: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  labelTitle: z.string().nullable(),
  isStaff: z.boolean(),
});
export type StoryTranscriptPerson = z.infer<typeof StoryTranscriptPersonSchema>;

/**
 * A spoken turn as the staff story returns it (`GET /api/stories/:id`): the stored speaker reference
 * with the person's summary, and the label as rendered at the last save (`renderedLabel`).
 * Sending the turns back as they are is a valid `transcript` write (the extra fields are dropped).
 */
export const StoryTranscriptSpokenTurnSchema = z.object({
  personId: IdSchema.nullable(),
  person: StoryTranscriptPersonSchema.nullable(),
  unidentified: UnidentifiedSpeakerSchema.nullable(),
  role: z.string().nullable(),
  title: z.string().nullable(),
  annotation: z.string().nullable(),
  text: z.string(),
  /** The label as read at import, if any (printed verbatim when the turn has no speaker). */
  label: z.string().nullable(),
  renderedLabel: z.string().nullable(),
  ...timingFields,
  /** Present when the turn has spelling spans (unverified "(ph)" or verified). */
  spellings: z.array(TranscriptSpellingSchema).optional(),
});
export type StoryTranscriptSpokenTurn = z.infer<typeof StoryTranscriptSpokenTurnSchema>;
export const StoryTranscriptTurnSchema = z.union([StoryTranscriptSpokenTurnSchema, TranscriptCueSchema]);
export type StoryTranscriptTurn = z.infer<typeof StoryTranscriptTurnSchema>;
export const StoryTranscriptSchema = z.object({ turns: z.array(StoryTranscriptTurnSchema) });
export type StoryTranscript = z.infer<typeof StoryTranscriptSchema>;

/**
 * A turn in its stored form (one `transcript_turns` row, and a revision's snapshot): every field
 * present, in one key order, so two transcripts compare equal exactly when their rows would.
 */
export type StoredTiming = { startMs?: number; endMs?: number; marks?: TranscriptMark[] };
export type StoredTranscriptTurn =
  | ({ cue: string } & StoredTiming)
  | ({
      personId: string | null;
      unidentified: UnidentifiedSpeaker | null;
      role: string | null;
      title: string | null;
      annotation: string | null;
      text: string;
      label: string | null;
    } & StoredTiming & { spellings?: TranscriptSpelling[] });

/** The times of a turn in stored form: present only when the turn is timed (untimed turns keep their old form). */
export function storedTiming(turn: object): StoredTiming {
  const t = turn as TranscriptTiming;
  if (t.startMs === null || t.startMs === undefined || t.endMs === null || t.endMs === undefined) return {};
  return t.marks?.length
    ? { startMs: t.startMs, endMs: t.endMs, marks: t.marks.map((m) => ({ at: m.at, ms: m.ms })) }
    : { startMs: t.startMs, endMs: t.endMs };
}

/** The stored form of a written, parsed or staff-story turn. A turn with a speaker keeps no empty label. */
export function storedTranscriptTurn(turn: TranscriptTurnWrite | ParsedTurn | StoryTranscriptTurn): StoredTranscriptTurn {
  if (isCueTurn(turn)) return { cue: turn.cue, ...storedTiming(turn) };
  const unidentified = turn.personId ? null : (turn.unidentified ?? null);
  return {
    personId: turn.personId ?? null,
    unidentified: unidentified ? { descriptor: unidentified.descriptor, number: unidentified.number ?? null } : null,
    role: turn.role ?? null,
    title: turn.title ?? null,
    annotation: turn.annotation ?? null,
    text: turn.text,
    label: turn.label?.trim() ? turn.label.trim() : null,
    ...storedTiming(turn),
    ...(turn.spellings?.length ? { spellings: turn.spellings.map(storedSpelling) } : {}),
  };
}

/** A timing rule a transcript breaks, with the path of the field (relative to `turns`). */
export interface TimingProblem {
  path: (string | number)[];
  message: string;
}

/**
 * The timing rules of a transcript (see docs/transcripts-timed.md): a turn has both times or
 * neither; start < end; timed turns start in order (non-decreasing starts: overlapping speech may
 * end after the next turn starts); a turn's marks lie inside its text and its times, in order.
 * The audio's duration is checked by the API on save.
 */
export function timingProblems(turns: readonly object[]): TimingProblem[] {
  const problems: TimingProblem[] = [];
  let previousStart = -1;
  turns.forEach((turn, i) => {
    const t = turn as TranscriptTiming & { text?: string };
    const hasStart = t.startMs !== null && t.startMs !== undefined;
    const hasEnd = t.endMs !== null && t.endMs !== undefined;
    if (hasStart !== hasEnd) {
      problems.push({ path: [i, hasStart ? 'endMs' : 'startMs'], message: 'A timed turn has both a start and an end time' });
      return;
    }
    if (!hasStart || !hasEnd) {
      if (t.marks?.length) problems.push({ path: [i, 'marks'], message: 'Only a timed turn carries sentence marks' });
      return;
    }
    const start = t.startMs as number;
    const end = t.endMs as number;
    if (start >= end) problems.push({ path: [i, 'endMs'], message: 'A turn ends after it starts (endMs > startMs)' });
    if (start < previousStart)
      problems.push({ path: [i, 'startMs'], message: `A turn starts no earlier than the turn before it (${previousStart} ms)` });
    previousStart = Math.max(previousStart, start);
    let lastAt = -1;
    let lastMs = start;
    (t.marks ?? []).forEach((mark, k) => {
      const inText = mark.at <= (t.text ?? '').length && mark.at > lastAt;
      const inTime = mark.ms >= lastMs && mark.ms <= end;
      if (!inText || !inTime)
        problems.push({ path: [i, 'marks', k], message: 'Sentence marks lie inside the turn, in order of text and time' });
      lastAt = mark.at;
      lastMs = Math.max(lastMs, mark.ms);
    });
  });
  return problems;
}

/** A revision's copy of the transcript: loose on purpose, so old snapshots still read after the rules change. */
export const TranscriptSnapshotSchema = z.object({ turns: z.array(z.record(z.string(), z.unknown())) });
export type TranscriptSnapshot = { turns: StoredTranscriptTurn[] };
