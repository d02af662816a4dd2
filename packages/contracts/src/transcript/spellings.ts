import { z } from 'zod';
import type { TranscriptMark } from './schemas.js';

/** Same as schemas.ts TRANSCRIPT_TURN_TEXT_MAX (not imported: schemas.ts imports this file). */
const TRANSCRIPT_TURN_TEXT_MAX = 100_000;

/**
 * The "(ph)" desk (issue 19 item 4): an unverified spelling is a mark on a span of a turn's text,
 * `[at, end)` in characters, never the characters "(ph)" themselves. The span moves with edits of
 * the text like the sentence marks do (timed.ts `editTimedText`, `splitTimedTurn`,
 * `mergeTimedTurns`). A span is verified (by whom, when, against which source note) or corrected;
 * verified spans stay on the turn as the record of the check.
 *
 * Public outputs print the broadcast convention only: " (ph)" right after every unverified span
 * (`broadcastText`), nothing of the span structure (who, when, notes, offsets).
 */

/** Most spelling spans one turn carries. */
export const TRANSCRIPT_SPELLINGS_MAX = 500;

/**
 * A span as a story write sends it. `verified` is the editor's claim; who and when are set by the
 * API (the fields `verifiedBy`, `verifiedByName`, `verifiedAt` a client sends back are ignored).
 */
export const TranscriptSpellingInputSchema = z.object({
  at: z.number().int().min(0).max(TRANSCRIPT_TURN_TEXT_MAX),
  end: z.number().int().min(1).max(TRANSCRIPT_TURN_TEXT_MAX),
  verified: z.boolean().default(false),
  /** The source the spelling was checked against ("Ministry website", "asked the guest"). */
  note: z
    .string()
    .max(300, 'A note has at most 300 characters')
    .refine((note) => !note.includes('\u0000'), 'A note has no NUL character')
    .nullable()
    .optional(),
  verifiedBy: z.string().nullable().optional(),
  verifiedByName: z.string().nullable().optional(),
  verifiedAt: z.string().nullable().optional(),
});
export type TranscriptSpellingInput = z.input<typeof TranscriptSpellingInputSchema>;

/** A span as stored (and as the staff story returns it). */
export const TranscriptSpellingSchema = z.object({
  at: z.number().int(),
  end: z.number().int(),
  verified: z.boolean(),
  note: z.string().nullable(),
  /** The user who verified it (id and name as of then), and when; null while unverified. */
  verifiedBy: z.string().nullable(),
  verifiedByName: z.string().nullable(),
  verifiedAt: z.string().nullable(),
});
export type TranscriptSpelling = z.infer<typeof TranscriptSpellingSchema>;

/** A span of any of these shapes (input, stored, form). */
export interface SpanLike {
  at: number;
  end: number;
  verified?: boolean;
}

/** The stored form of a span (what the client sent for the verification fields; the API overwrites them). */
export function storedSpelling(span: TranscriptSpellingInput | TranscriptSpelling): TranscriptSpelling {
  const verified = span.verified ?? false;
  return {
    at: span.at,
    end: span.end,
    verified,
    note: span.note?.trim() ? span.note.trim() : null,
    verifiedBy: verified ? (span.verifiedBy ?? null) : null,
    verifiedByName: verified ? (span.verifiedByName ?? null) : null,
    verifiedAt: verified ? (span.verifiedAt ?? null) : null,
  };
}

/** A spelling rule a turn breaks, with the path of the field (relative to `turns`). */
export interface SpellingProblem {
  path: (string | number)[];
  message: string;
}

/**
 * The span rules: inside the turn's text (`0 <= at < end <= text length`), not blank, strictly in
 * order and not overlapping (`at >= previous end`); only spoken turns carry spans.
 */
export function spellingProblems(turns: readonly object[]): SpellingProblem[] {
  const problems: SpellingProblem[] = [];
  turns.forEach((turn, i) => {
    const t = turn as { text?: string; cue?: string; spellings?: readonly SpanLike[] | null };
    if (!t.spellings?.length) return;
    if (typeof t.cue === 'string') {
      problems.push({ path: [i, 'spellings'], message: 'A cue carries no spelling marks' });
      return;
    }
    const text = t.text ?? '';
    let previousEnd = 0;
    t.spellings.forEach((span, k) => {
      if (span.end > text.length)
        problems.push({ path: [i, 'spellings', k, 'end'], message: `A spelling lies inside the turn's text (${text.length} characters)` });
      else if (span.at >= span.end)
        problems.push({ path: [i, 'spellings', k, 'end'], message: 'A spelling ends after it starts (end > at)' });
      else if (span.at < previousEnd)
        problems.push({ path: [i, 'spellings', k, 'at'], message: 'Spellings do not overlap and are in order of the text' });
      else if (text.slice(span.at, span.end).trim() === '')
        problems.push({ path: [i, 'spellings', k, 'at'], message: 'A spelling marks a word, not blank space' });
      previousEnd = Math.max(previousEnd, span.end);
    });
  });
  return problems;
}

const PH_SUFFIX = ' (ph)';

/**
 * The public text of a turn: " (ph)" after every unverified span (the broadcast convention), with
 * the sentence marks moved to match. Verified spans print as they are.
 */
export function broadcastText<M extends TranscriptMark>(
  text: string,
  spellings: readonly SpanLike[] | null | undefined,
  marks?: readonly M[] | null,
): { text: string; marks: M[] } {
  const ends = (spellings ?? []).filter((s) => !s.verified).map((s) => s.end);
  if (!ends.length) return { text, marks: [...(marks ?? [])] };
  let out = '';
  let from = 0;
  for (const end of ends) {
    out += `${text.slice(from, end)}${PH_SUFFIX}`;
    from = end;
  }
  out += text.slice(from);
  const shift = (at: number) => at + PH_SUFFIX.length * ends.filter((end) => end <= at).length;
  return { text: out, marks: (marks ?? []).map((m) => ({ ...m, at: shift(m.at) })) };
}

const PH = /\s*\(ph\)/gi;
const NAME_WORD = /^\p{Lu}[\p{L}\p{M}'\u2019-]*$/u;
const clean = (word: string) => word.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');

/**
 * Import: every "Name (ph)" in a text becomes an unverified span over the name (the capitalised run
 * of up to three words before the mark, else the word before it), and the " (ph)" leaves the text;
 * sentence marks after it move back. A "(ph)" with no word before it stays as it is.
 */
export function spansFromPh<M extends TranscriptMark>(
  text: string,
  marks?: readonly M[] | null,
): { text: string; spellings: TranscriptSpelling[]; marks: M[] } {
  const spellings: TranscriptSpelling[] = [];
  const removed: Array<{ at: number; length: number }> = []; // in the original text
  let out = '';
  let from = 0;
  for (const match of text.matchAll(PH)) {
    const before = text.slice(from, match.index);
    const span = nameBefore(before);
    if (!span) continue;
    const base = out.length;
    out += before;
    spellings.push({ ...storedSpelling({ at: base + span.at, end: base + span.end }) });
    removed.push({ at: match.index, length: match[0].length });
    from = match.index + match[0].length;
  }
  if (!spellings.length) return { text, spellings, marks: [...(marks ?? [])] };
  out += text.slice(from);
  const move = (at: number) => at - removed.filter((r) => r.at < at).reduce((sum, r) => sum + Math.min(r.length, at - r.at), 0);
  const moved = (marks ?? [])
    .map((m) => ({ ...m, at: move(m.at) }))
    .filter((m, k, all) => m.at > 0 && m.at < out.length && (k === 0 || m.at > (all[k - 1]?.at ?? -1)));
  return { text: out, spellings, marks: moved };
}

/** The span of the name at the end of `before` (offsets into `before`), or null. */
function nameBefore(before: string): { at: number; end: number } | null {
  const words = [...before.matchAll(/\S+/g)];
  const last = words.pop();
  if (!last || !clean(last[0])) return null;
  const lastWord = last[0];
  const trail = lastWord.length - lastWord.replace(/[^\p{L}\p{M}]+$/u, '').length;
  const end = last.index + lastWord.length - trail;
  let at = last.index + (lastWord.length - lastWord.replace(/^[^\p{L}]+/u, '').length);
  let count = 1;
  if (NAME_WORD.test(clean(lastWord))) {
    while (count < 3) {
      const previous = words.pop();
      if (!previous || !NAME_WORD.test(previous[0])) break;
      // Only words joined by single spaces belong to the same name.
      if (before.slice(previous.index + previous[0].length, at) !== ' ') break;
      at = previous.index;
      count++;
    }
  }
  return end > at ? { at, end } : null;
}

/**
 * Moves spans over a text edit (the unchanged prefix and suffix are found as editTimedText does):
 * spans in the prefix stay, spans in the suffix move by the length change, a span the edit touches
 * grows or shrinks to cover the changed text and becomes unverified (a changed spelling is not a
 * checked one); a span whose text is gone is dropped.
 */
export function moveSpellings<S extends SpanLike>(
  spans: readonly S[] | null | undefined,
  prefix: number,
  oldChangedEnd: number,
  newChangedEnd: number,
  newLength: number,
): S[] {
  const delta = newChangedEnd - oldChangedEnd;
  const out: S[] = [];
  for (const span of spans ?? []) {
    let next: S;
    if (span.end <= prefix) next = span;
    else if (span.at >= oldChangedEnd) next = { ...span, at: span.at + delta, end: span.end + delta };
    else {
      const at = Math.min(span.at, prefix);
      const end = span.end > oldChangedEnd ? span.end + delta : Math.max(newChangedEnd, Math.min(span.end, prefix));
      next = unverify({ ...span, at, end });
    }
    if (next.end > next.at && next.at >= 0 && next.end <= newLength) out.push(next);
  }
  return joinOverlaps(out);
}

/** A span marked unverified again (its verification fields cleared). */
export function unverify<S extends SpanLike>(span: S): S {
  return 'verifiedBy' in span || 'verifiedAt' in span
    ? { ...span, verified: false, verifiedBy: null, verifiedByName: null, verifiedAt: null }
    : { ...span, verified: false };
}

/** Sorted spans with overlapping ones joined into one unverified span. */
export function joinOverlaps<S extends SpanLike>(spans: readonly S[]): S[] {
  const sorted = [...spans].sort((a, b) => a.at - b.at);
  const out: S[] = [];
  for (const span of sorted) {
    const last = out[out.length - 1];
    if (last && span.at < last.end) out[out.length - 1] = unverify({ ...last, end: Math.max(last.end, span.end) });
    else out.push(span);
  }
  return out;
}

/** Spans cut at character `cut` of the text (the second half starting at `shift`): each half keeps its own, clipped. */
export function splitSpellings<S extends SpanLike>(
  spans: readonly S[] | null | undefined,
  cut: number,
  shift: number,
  secondLength: number,
) {
  const first: S[] = [];
  const second: S[] = [];
  for (const span of spans ?? []) {
    if (span.at < cut) {
      const end = Math.min(span.end, cut);
      first.push(end === span.end ? span : unverify({ ...span, end }));
    }
    if (span.end > shift) {
      const at = Math.max(span.at, shift) - shift;
      const end = Math.min(span.end - shift, secondLength);
      if (end > at) second.push(span.at >= shift ? { ...span, at, end } : unverify({ ...span, at, end }));
    }
  }
  return { first, second };
}

/** A parsed spoken turn with its "Name (ph)" marks made spans (`spansFromPh`); a turn without any is returned as it is. */
export function withPhSpans<T extends { text: string; marks?: TranscriptMark[] | null }>(
  turn: T,
): T & { spellings?: TranscriptSpelling[] } {
  const found = spansFromPh(turn.text, turn.marks);
  if (!found.spellings.length) return turn;
  const marks = turn.marks === undefined ? {} : { marks: found.marks.length ? found.marks : null };
  return { ...turn, text: found.text, ...marks, spellings: found.spellings };
}
