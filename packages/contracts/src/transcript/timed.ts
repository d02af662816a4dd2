import type { TranscriptMark, TranscriptTiming } from './schemas.js';
import { joinOverlaps, moveSpellings, splitSpellings, type SpanLike } from './spellings.js';

/**
 * Edit rules for timed turns (times in milliseconds into the story's primary audio). Pure; the
 * admin editor applies them, the property tests in timed.spec.ts check that any sequence of them
 * keeps a valid transcript (see `timingProblems`): times monotonic, inside the audio.
 *
 * - Split a turn at a character offset: the time of the cut is that of a sentence mark right at
 *   the start of the second half (`marks`, from word timings or segment joins at import), else
 *   interpolated by characters between the known boundaries around the cut (start, marks, end):
 *   with no marks, proportional to the characters before the cut. The first half keeps the start, the second half the end; the cut
 *   is clamped so that both halves stay valid (start < end) and the second half starts no later
 *   than the next timed turn (overlapping speech). Marks go with their half.
 * - Merge a turn with the next: the outer times (earliest start, latest end); the second turn's
 *   start becomes a mark at the join. If only one of them is timed, the merged turn takes its times.
 * - Edit a turn's text: the turn keeps its times; marks in the unchanged prefix stay, marks in the
 *   unchanged suffix move with it, marks inside the changed part are dropped.
 *
 * Spelling spans ("(ph)", spellings.ts) follow the same rules, timed or not: a split gives each half
 * its spans (a span across the cut is clipped to each half, unverified); a merge keeps both turns'
 * spans (the second's moved by the join); a text edit keeps the spans of the unchanged prefix,
 * moves those of the suffix, and stretches a span the edit touches over the changed text, unverified.
 */

export interface TimedText extends TranscriptTiming {
  text: string;
  spellings?: readonly SpanLike[] | null;
}

/** The turn with these spans (no `spellings` key added to a turn that had none). */
function withSpans<T extends TimedText>(turn: T, all: readonly SpanLike[]): T {
  // A span left over blank space (its word edited away) or outside the text marks nothing.
  const spans = all.filter((span) => span.at >= 0 && span.end <= turn.text.length && turn.text.slice(span.at, span.end).trim() !== '');
  if (spans.length) return { ...turn, spellings: spans };
  return 'spellings' in turn ? { ...turn, spellings: null } : turn;
}

const timed = (t: TranscriptTiming): t is { startMs: number; endMs: number; marks?: TranscriptMark[] | null } =>
  typeof t.startMs === 'number' && typeof t.endMs === 'number';
const clamp = (value: number, low: number, high: number) => Math.min(Math.max(value, low), high);

/**
 * The time of character offset `at`: a mark's time when a mark is exactly there, else interpolated
 * by characters between the known boundaries around it (the turn's start, its marks, its end);
 * with no marks, simply proportional to the characters before `at`.
 */
export function timeAtOffset(turn: TimedText, at: number): number | null {
  if (!timed(turn)) return null;
  const anchors = [{ at: 0, ms: turn.startMs }, ...(turn.marks ?? []), { at: Math.max(turn.text.length, 1), ms: turn.endMs }];
  const cut = clamp(at, 0, Math.max(turn.text.length, 1));
  for (let k = 0; k + 1 < anchors.length; k++) {
    const from = anchors[k] as TranscriptMark;
    const to = anchors[k + 1] as TranscriptMark;
    if (cut === from.at) return from.ms;
    if (cut < to.at) return Math.round(from.ms + ((to.ms - from.ms) * (cut - from.at)) / Math.max(1, to.at - from.at));
  }
  return turn.endMs;
}

/** The marks that keep the rules (inside the text and the times, strictly in order of text, in order of time). */
function validMarks(marks: readonly TranscriptMark[], textLength: number, startMs: number, endMs: number): TranscriptMark[] {
  const kept: TranscriptMark[] = [];
  for (const mark of marks) {
    const last = kept[kept.length - 1];
    if (
      mark.at > 0 &&
      mark.at < textLength &&
      mark.ms >= startMs &&
      mark.ms <= endMs &&
      (!last || (mark.at > last.at && mark.ms >= last.ms))
    )
      kept.push(mark);
  }
  return kept;
}

function withTiming<T extends TimedText>(turn: T, startMs: number | null, endMs: number | null, marks: TranscriptMark[]): T {
  const kept = startMs === null || endMs === null ? [] : validMarks(marks, turn.text.length, startMs, endMs);
  const next = { ...turn, startMs, endMs, marks: kept.length ? kept : null };
  if (startMs === null || endMs === null) return { ...next, startMs: null, endMs: null, marks: null };
  return next;
}

/** The start of the first timed turn after `index`, if any. */
function nextStart(turns: readonly TranscriptTiming[], index: number): number | null {
  for (let i = index + 1; i < turns.length; i++) {
    const t = turns[i];
    if (t && timed(t)) return t.startMs;
  }
  return null;
}

/** Splits turn `index` at character offset `at` (0 < at < text length) into two turns of the same speaker. */
export function splitTimedTurn<T extends TimedText>(turns: readonly T[], index: number, at: number): T[] {
  const turn = turns[index];
  if (!turn) return [...turns];
  const cut = clamp(Math.round(at), 0, turn.text.length);
  const before = turn.text.slice(0, cut).trimEnd();
  const rest = turn.text.slice(cut);
  const after = rest.trimStart();
  const shift = cut + (rest.length - after.length);
  let first: T;
  let second: T;
  if (!timed(turn)) {
    first = { ...turn, text: before };
    second = { ...turn, text: after };
  } else {
    const t = timeAtOffset(turn, shift) ?? turn.startMs;
    const limit = nextStart(turns, index);
    const firstEnd = clamp(t, turn.startMs + 1, turn.endMs);
    const secondStart = clamp(t, turn.startMs, Math.min(limit ?? turn.endMs, turn.endMs - 1));
    const marks = turn.marks ?? [];
    const firstMarks = marks.filter((m) => m.at > 0 && m.at <= before.length && m.ms <= firstEnd && m.at < before.length);
    const secondMarks = marks
      .filter((m) => m.at > shift && m.ms >= secondStart && m.ms <= turn.endMs)
      .map((m) => ({ at: m.at - shift, ms: m.ms }));
    first = withTiming({ ...turn, text: before }, turn.startMs, firstEnd, firstMarks);
    second = withTiming({ ...turn, text: after }, secondStart, turn.endMs, secondMarks);
  }
  const spans = splitSpellings(turn.spellings, before.length, shift, after.length);
  first = withSpans(first, spans.first);
  second = withSpans(second, spans.second);
  return [...turns.slice(0, index), first, second, ...turns.slice(index + 1)];
}

/** Merges turn `index` with the next one (the first turn's speaker and fields, texts joined by `separator`, a space by default). */
export function mergeTimedTurns<T extends TimedText>(turns: readonly T[], index: number, separator = ' '): T[] {
  const a = turns[index];
  const b = turns[index + 1];
  if (!a || !b) return [...turns];
  const join = a.text && b.text ? separator : '';
  const text = `${a.text}${join}${b.text}`;
  const offset = a.text.length + join.length;
  let merged: T;
  if (timed(a) && timed(b)) {
    const startMs = Math.min(a.startMs, b.startMs);
    const endMs = Math.max(a.endMs, b.endMs);
    const candidates = [
      ...(a.marks ?? []),
      ...(b.text ? [{ at: offset, ms: b.startMs }] : []),
      ...(b.marks ?? []).map((m) => ({ at: m.at + offset, ms: m.ms })),
    ];
    merged = withTiming({ ...a, text }, startMs, endMs, candidates);
  } else if (timed(a)) merged = withTiming({ ...a, text }, a.startMs, a.endMs, a.marks ?? []);
  else if (timed(b)) merged = withTiming({ ...a, text }, b.startMs, b.endMs, []);
  else merged = { ...a, text };
  const spans = [...(a.spellings ?? []), ...(b.spellings ?? []).map((span) => ({ ...span, at: span.at + offset, end: span.end + offset }))];
  if (spans.length || 'spellings' in a || 'spellings' in b) merged = withSpans(merged, joinOverlaps(spans));
  return [...turns.slice(0, index), merged, ...turns.slice(index + 2)];
}

/** Replaces turn `index`'s text: same times; marks of the unchanged prefix stay, those of the unchanged suffix move with it. */
export function editTimedText<T extends TimedText>(turns: readonly T[], index: number, text: string): T[] {
  const turn = turns[index];
  if (!turn) return [...turns];
  const old = turn.text;
  let prefix = 0;
  while (prefix < old.length && prefix < text.length && old[prefix] === text[prefix]) prefix++;
  let suffix = 0;
  while (suffix < old.length - prefix && suffix < text.length - prefix && old[old.length - 1 - suffix] === text[text.length - 1 - suffix])
    suffix++;
  const delta = text.length - old.length;
  const marks = (turn.marks ?? []).flatMap((m) => {
    if (m.at <= prefix) return m.at > 0 && m.at < text.length ? [m] : [];
    if (m.at >= old.length - suffix) return m.at + delta > 0 && m.at + delta < text.length ? [{ at: m.at + delta, ms: m.ms }] : [];
    return [];
  });
  let edited = timed(turn) ? withTiming({ ...turn, text }, turn.startMs, turn.endMs, marks) : { ...turn, text };
  if (turn.spellings?.length)
    edited = withSpans(edited, moveSpellings(turn.spellings, prefix, old.length - suffix, text.length - suffix, text.length));
  return [...turns.slice(0, index), edited, ...turns.slice(index + 1)];
}
