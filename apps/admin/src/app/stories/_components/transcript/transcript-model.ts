import {
  TRANSCRIPT_TURN_TEXT_MAX,
  TranscriptAnnotationSchema,
  TranscriptCueTextSchema,
  TranscriptRoleSchema,
  TranscriptTitleSchema,
  UnidentifiedSpeakerSchema,
  TranscriptMarkSchema,
  TranscriptTimeSchema,
  renderTranscript,
  transcriptToText,
  type Person,
  type PublicTranscriptTurn,
  type RenderableTurn,
  type StoryTranscriptPerson,
  type StoryTranscriptTurn,
  type TranscriptTurnWrite,
} from '@newsdesk/contracts';
import { z } from 'zod';

/**
 * The transcript as the story form edits it: one entry per turn, strings where the inputs have
 * them ('' for none), the speaker's person summary kept alongside its id so the live preview can
 * render labels with the same contracts renderer the API uses.
 *
 * A spoken turn's speaker is, in this order: a person; an unidentified speaker (`unidentified`
 * = descriptor, e.g. MAN, and an optional number); or the label as imported, printed verbatim.
 */
export const TranscriptPersonFormSchema = z.object({
  id: z.string(),
  slug: z.string(),
  displayName: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  labelTitle: z.string().nullable(),
  isStaff: z.boolean(),
});

/**
 * A turn's times (ms into the primary audio) and sentence marks, as imported or stored: carried
 * through the form unchanged, adjusted by the contracts' edit rules on split, merge and text edits.
 */
const timingFields = {
  startMs: TranscriptTimeSchema.nullable().optional(),
  endMs: TranscriptTimeSchema.nullable().optional(),
  marks: z.array(TranscriptMarkSchema).nullable().optional(),
};
type Timing = { startMs?: number | null; endMs?: number | null; marks?: Array<{ at: number; ms: number }> | null };
/** The timing fields of a turn that has times (none at all otherwise, so untimed turns keep their shape). */
export function timingOf(turn: Timing): Timing {
  if (typeof turn.startMs !== 'number' || typeof turn.endMs !== 'number') return {};
  return turn.marks?.length
    ? { startMs: turn.startMs, endMs: turn.endMs, marks: turn.marks }
    : { startMs: turn.startMs, endMs: turn.endMs };
}

/**
 * A spelling span of a turn's text ("(ph)" desk): unverified, or verified (who and when come from
 * the API on save; a span verified in this form has none until then). Moved by the contracts' edit rules.
 */
export const SpellingFormSchema = z.object({
  at: z.number().int(),
  end: z.number().int(),
  verified: z.boolean(),
  note: z.string().nullable(),
  verifiedBy: z.string().nullable().optional(),
  verifiedByName: z.string().nullable().optional(),
  verifiedAt: z.string().nullable().optional(),
});
export type SpellingForm = z.infer<typeof SpellingFormSchema>;

/** An optional text field: empty, or valid by the contract's schema (its message when not). */
const optional = (schema: z.ZodType<string>) =>
  z.string().superRefine((value, ctx) => {
    if (value === '') return;
    const result = schema.safeParse(value);
    if (!result.success) ctx.addIssue({ code: 'custom', message: result.error.issues[0]?.message ?? 'Invalid value' });
  });

export const SpokenTurnFormSchema = z
  .object({
    kind: z.literal('spoken'),
    person: TranscriptPersonFormSchema.nullable(),
    unidentified: optional(UnidentifiedSpeakerSchema.shape.descriptor),
    unidentifiedNumber: z.string().regex(/^(?:[1-9]\d{0,2})?$/, 'A number from 1 to 999, or empty'),
    role: optional(TranscriptRoleSchema),
    title: optional(TranscriptTitleSchema),
    annotation: optional(TranscriptAnnotationSchema),
    text: z.string().max(TRANSCRIPT_TURN_TEXT_MAX, 'A turn has at most 100,000 characters'),
    /** The label as imported (printed verbatim when the turn has no speaker). */
    label: z.string(),
    ...timingFields,
    spellings: z.array(SpellingFormSchema).nullable().optional(),
  })
  .refine((turn) => turn.person !== null || turn.unidentified !== '' || turn.label.trim() !== '', {
    message: 'Choose a speaker for this turn',
    path: ['person'],
  });
export const CueTurnFormSchema = z.object({ kind: z.literal('cue'), cue: TranscriptCueTextSchema, ...timingFields });
export const TranscriptTurnFormSchema = z.discriminatedUnion('kind', [SpokenTurnFormSchema, CueTurnFormSchema]);
export const TranscriptFormSchema = z.array(TranscriptTurnFormSchema).max(5000, 'At most 5,000 turns');

export type SpokenTurnForm = z.input<typeof SpokenTurnFormSchema>;
export type CueTurnForm = z.input<typeof CueTurnFormSchema>;
export type TranscriptTurnForm = SpokenTurnForm | CueTurnForm;
export type TranscriptPersonForm = z.infer<typeof TranscriptPersonFormSchema>;

export const emptySpokenTurn = (person: TranscriptPersonForm | null = null): SpokenTurnForm => ({
  kind: 'spoken',
  person,
  unidentified: '',
  unidentifiedNumber: '',
  role: '',
  title: '',
  annotation: '',
  text: '',
  label: '',
});
export const emptyCueTurn = (): CueTurnForm => ({ kind: 'cue', cue: '' });

export function personSummary(person: Person | StoryTranscriptPerson): TranscriptPersonForm {
  return {
    id: person.id,
    slug: person.slug,
    displayName: person.displayName,
    givenName: person.givenName,
    familyName: person.familyName,
    labelTitle: person.labelTitle,
    isStaff: person.isStaff,
  };
}

/** The staff story's turns as form entries. */
export function toTranscriptForm(turns: readonly StoryTranscriptTurn[] | undefined): TranscriptTurnForm[] {
  return (turns ?? []).map((turn): TranscriptTurnForm => {
    if ('cue' in turn) return { kind: 'cue', cue: turn.cue, ...timingOf(turn) };
    return {
      ...timingOf(turn),
      kind: 'spoken',
      person: turn.person ? personSummary(turn.person) : null,
      unidentified: turn.unidentified?.descriptor ?? '',
      unidentifiedNumber: turn.unidentified?.number ? String(turn.unidentified.number) : '',
      role: turn.role ?? '',
      title: turn.title ?? '',
      annotation: turn.annotation ?? '',
      text: turn.text,
      label: turn.label ?? '',
      ...(turn.spellings?.length ? { spellings: turn.spellings } : {}),
    };
  });
}

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

/** Form entries as the story write's `transcript.turns`. */
export function toTranscriptWrite(turns: readonly TranscriptTurnForm[]): TranscriptTurnWrite[] {
  return turns.map((turn): TranscriptTurnWrite => {
    if (turn.kind === 'cue') return { cue: turn.cue.trim(), ...timingOf(turn) };
    const base = {
      ...timingOf(turn),
      role: orNull(turn.role),
      title: orNull(turn.title),
      annotation: orNull(turn.annotation),
      text: turn.text,
      label: orNull(turn.label),
      ...(turn.spellings?.length
        ? {
            spellings: turn.spellings.map(({ at, end, verified, note }) => ({
              at,
              end,
              verified,
              note: note?.trim() ? note.trim() : null,
            })),
          }
        : {}),
    };
    if (turn.person) return { personId: turn.person.id, ...base };
    if (turn.unidentified.trim()) {
      return {
        personId: null,
        unidentified: { descriptor: turn.unidentified.trim(), number: turn.unidentifiedNumber ? Number(turn.unidentifiedNumber) : null },
        ...base,
      };
    }
    return { personId: null, ...base };
  });
}

/** The rendered labels (and each turn's preview) with the contracts renderer; a turn without a speaker yet shows a placeholder. */
export function previewTranscript(turns: readonly TranscriptTurnForm[]): PublicTranscriptTurn[] {
  const people = new Map<string, TranscriptPersonForm>();
  for (const turn of turns) if (turn.kind === 'spoken' && turn.person) people.set(turn.person.id, turn.person);
  const renderable = turns.map((turn): RenderableTurn => {
    if (turn.kind === 'cue') return { cue: turn.cue || '…' };
    const unidentified =
      !turn.person && turn.unidentified.trim() && UnidentifiedSpeakerSchema.shape.descriptor.safeParse(turn.unidentified.trim()).success
        ? { descriptor: turn.unidentified.trim(), number: turn.unidentifiedNumber ? Number(turn.unidentifiedNumber) : null }
        : null;
    return {
      personId: turn.person?.id ?? null,
      unidentified,
      role: orNull(turn.role),
      title: orNull(turn.title),
      annotation: orNull(turn.annotation),
      text: turn.text,
      label: turn.person || unidentified ? null : (orNull(turn.label) ?? '(NO SPEAKER)'),
    };
  });
  return renderTranscript(
    renderable,
    [...people.values()].map((person) => ({ ...person, aliases: [] })),
  );
}

export function previewText(turns: readonly TranscriptTurnForm[], credit: string): string {
  return transcriptToText(previewTranscript(turns), credit);
}

/** People who speak in this transcript, the most recent (closest before `index`) first. */
export function recentSpeakers(turns: readonly TranscriptTurnForm[], index: number): TranscriptPersonForm[] {
  const order = [...turns.slice(0, index).reverse(), ...turns.slice(index).reverse()];
  const seen = new Map<string, TranscriptPersonForm>();
  for (const turn of order) if (turn.kind === 'spoken' && turn.person && !seen.has(turn.person.id)) seen.set(turn.person.id, turn.person);
  return [...seen.values()];
}

/** "NADIA PETROVA" -> "Nadia Petrova" (a first guess of a new person's name from a label). */
export function nameFromLabel(name: string): string {
  return name
    .toLowerCase()
    .replace(/(^|[\s'-])(\p{L})/gu, (_match, before: string, letter: string) => before + letter.toUpperCase())
    .replace(/(?<=\s)(Al|El|Bin|Van|Von|De|Der|Da|Di|Du|La|Le)(?=[\s-])/g, (particle) => particle.toLowerCase());
}

/** Moves the entry at `from` to `to` (both in range). */
export function moveTurn<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved as T);
  return next;
}
