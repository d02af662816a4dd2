import { ANNOTATION_MAX, type LabelParts, readLabel } from './label.js';
import type { TranscriptFlag, TranscriptMark, UnidentifiedSpeaker } from './schemas.js';

/**
 * Parses a transcript as newsrooms paste it into turns, reading each label's parts (see
 * label.ts) but matching nobody: that is `resolveSpeakers`' job. Pure and linear in the text.
 *
 * Conventions read:
 * - A paragraph starting with a label (capitals ending with a colon) starts a spoken turn; a
 *   paragraph without one continues the previous turn (turns are often several paragraphs,
 *   joined with a blank line in `text`).
 * - A paragraph that is only a parenthesised cue, "(SOUNDBITE OF MUSIC)" or older style's
 *   "(Soundbite of music)", is a cue turn (stored in capitals, without the parentheses).
 *   An unlabeled paragraph after a cue goes to the speaker before the cue, as a new turn
 *   flagged 'continued' (it cannot join that turn: the cue sits between).
 * - A sentence-case parenthetical right after the colon is the annotation ("(Speaking
 *   Russian)."); an all-capitals one, "(LAUGHTER)", is an inline cue and stays in the text.
 * - A trailing credit, "Transcript provided by ..., Copyright ..." (or a last paragraph starting
 *   "Copyright"), is returned apart as `credit`, even from the end of the sign-off's paragraph.
 * - Paragraphs are separated by blank lines; a single line break inside one is a soft wrap,
 *   unless the next line starts a label or is a cue. Text with no blank line at all is read
 *   one paragraph per line.
 * - "(ph)" marks stay in the text; the names they follow are listed in `unverifiedSpellings`.
 *
 * Never throws. Text that is not a transcript (no label anywhere) comes back as ONE unattributed
 * turn (label null) flagged 'not-a-transcript', so the API may answer 400 or let the editor
 * assign a speaker; text before the first label becomes an unattributed turn too.
 */

export interface RawSpokenTurn {
  kind: 'spoken';
  label: string | null;
  words: string[];
  titlePrefix: string | null;
  title: string | null;
  name: string | null;
  role: string | null;
  description: string | null;
  unidentified: UnidentifiedSpeaker | null;
  annotation: string | null;
  text: string;
  flags: TranscriptFlag[];
  unverifiedSpellings: string[];
  /** Times from a caption or speech-to-text import (see captions.ts). */
  startMs?: number;
  endMs?: number;
  marks?: TranscriptMark[];
}
export interface RawCueTurn {
  kind: 'cue';
  cue: string;
  startMs?: number;
  endMs?: number;
}
export type RawTurn = RawSpokenTurn | RawCueTurn;
export interface ParsedTranscriptText {
  turns: RawTurn[];
  credit: string | null;
}

const LABEL_HEAD = /^([^:\n]{1,160}):(?=\s|$)/;
const CUE_PARAGRAPH = /^\(([^()]+)\)\.?$/;
/** Older style writes cues in sentence case; these words make a lone parenthetical a cue. */
const CUE_WORDS =
  /^(?:sound ?bites?|laughter|crosstalk|applause|music|silence|cheering|cheers|inaudible|unintelligible|background|sound of|bell|gunfire|beep)/i;
const LEADING_PARENTHETICAL = /^\(([^()]*)\)/;
const CREDIT = /\bTranscript provided by\b/i;
const PH = /\(ph\)/gi;

/** The text of a lone-parenthetical paragraph read as a cue, or null. */
export function cueOf(paragraph: string): string | null {
  const match = CUE_PARAGRAPH.exec(paragraph);
  const inner = match?.[1]?.trim();
  if (!inner || !/\p{L}/u.test(inner)) return null;
  return !/\p{Ll}/u.test(inner) || CUE_WORDS.test(inner) ? inner.toUpperCase() : null;
}

/** The label at the start of a paragraph and the text after its colon, or null. */
function headOf(paragraph: string): { parts: LabelParts; rest: string } | null {
  const match = LABEL_HEAD.exec(paragraph);
  if (!match?.[1]) return null;
  const parts = readLabel(match[1]);
  return parts ? { parts, rest: paragraph.slice(match[0].length).trim() } : null;
}

/** Splits the text into paragraphs (see the conventions above). */
export function paragraphsOf(text: string): string[] {
  const normalized = text.replace(/\r\n?/g, '\n').replace(/[\u00a0\u2028\u2029\t]/g, ' ');
  if (!/\n[ ]*\n/.test(normalized))
    return normalized
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
  const paragraphs: string[] = [];
  for (const block of normalized.split(/\n[ ]*\n/)) {
    let current = '';
    for (const raw of block.split('\n')) {
      const line = raw.trim();
      if (!line) continue;
      if (current && (cueOf(line) !== null || headOf(line) !== null)) {
        paragraphs.push(current);
        current = line;
      } else current = current ? `${current} ${line}` : line;
    }
    if (current) paragraphs.push(current);
  }
  return paragraphs;
}

/** Cuts the trailing credit line off the last paragraph. */
function splitCredit(paragraphs: string[]): string | null {
  const last = paragraphs[paragraphs.length - 1];
  if (last === undefined) return null;
  const at = last.search(CREDIT);
  const cut = at >= 0 ? at : /^(?:Copyright\b|\u00a9)/i.test(last) ? 0 : -1;
  if (cut < 0) return null;
  const before = last.slice(0, cut).trim();
  if (before) paragraphs[paragraphs.length - 1] = before;
  else paragraphs.pop();
  return last.slice(cut).trim();
}

/** The names followed by "(ph)": the capitalised run before the mark, else the word before it. */
export function unverifiedSpellingsIn(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(PH)) {
    const before = text
      .slice(Math.max(0, match.index - 120), match.index)
      .split(/\s+/)
      .filter(Boolean);
    const clean = (word: string) => word.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
    const last = before.pop();
    if (last === undefined || !clean(last)) continue;
    const run = [clean(last)];
    while (run.length < 3 && /^\p{Lu}/u.test(run[0] ?? '')) {
      const previous = before.pop();
      if (previous === undefined || !/^\p{Lu}[\p{L}\p{M}'\u2019-]*$/u.test(previous)) break;
      run.unshift(previous);
    }
    const name = run.join(' ');
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

export function spokenFrom(parts: LabelParts | null, text: string, flags: TranscriptFlag[]): RawSpokenTurn {
  const labelFlags: TranscriptFlag[] = [];
  if (parts?.olderStyle) labelFlags.push('older-style');
  if (parts?.unverified) labelFlags.push('unverified-spelling');
  return {
    kind: 'spoken',
    label: parts?.label ?? null,
    words: parts?.words ?? [],
    titlePrefix: parts?.titlePrefix ?? null,
    title: parts?.title ?? null,
    name: parts?.name ?? null,
    role: parts?.role ?? null,
    description: parts?.description ?? null,
    unidentified: parts?.unidentified ?? null,
    annotation: parts?.annotation ?? null,
    text,
    flags: [...labelFlags, ...flags],
    unverifiedSpellings: parts?.unverified && parts.name ? [parts.name] : [],
  };
}

/** The annotation after the colon, when the label had none, and the text after it. */
export function annotationOf(rest: string): { annotation: string | null; text: string } {
  const match = LEADING_PARENTHETICAL.exec(rest);
  const inner = match?.[1]?.trim() ?? '';
  const annotationLike = match && inner.length <= ANNOTATION_MAX && /\p{Ll}/u.test(inner) && !/^ph$/i.test(inner) && !CUE_WORDS.test(inner);
  if (!match || !annotationLike) return { annotation: null, text: rest };
  const after = rest.slice(match[0].length).trim();
  return { annotation: inner, text: after === '.' ? '' : after };
}

export function parseTranscript(text: string): ParsedTranscriptText {
  const paragraphs = paragraphsOf(text);
  const credit = splitCredit(paragraphs);
  const turns: RawTurn[] = [];
  let current: RawSpokenTurn | null = null; // the turn an unlabeled paragraph continues
  let lastParts: LabelParts | null = null; // the label of the last spoken turn, across cues
  let labelled = false;

  for (const paragraph of paragraphs) {
    const cue = cueOf(paragraph);
    if (cue !== null) {
      turns.push({ kind: 'cue', cue });
      current = null;
      continue;
    }
    const head = headOf(paragraph);
    if (head) {
      labelled = true;
      lastParts = head.parts;
      const { annotation, text: rest } = head.parts.annotation ? { annotation: null, text: head.rest } : annotationOf(head.rest);
      current = spokenFrom(head.parts, rest, []);
      current.annotation ??= annotation;
      turns.push(current);
    } else if (current) {
      current.text = current.text ? `${current.text}\n\n${paragraph}` : paragraph;
    } else {
      current = spokenFrom(lastParts, paragraph, [lastParts ? 'continued' : 'unattributed']);
      turns.push(current);
    }
  }

  if (!labelled && turns.some((turn) => turn.kind === 'spoken')) {
    const whole = paragraphs.join('\n\n');
    return { turns: [withSpellings(spokenFrom(null, whole, ['unattributed', 'not-a-transcript']))], credit };
  }
  for (const turn of turns) if (turn.kind === 'spoken') withSpellings(turn);
  return { turns, credit };
}

export function withSpellings(turn: RawSpokenTurn): RawSpokenTurn {
  const found = turn.text.includes('(') ? unverifiedSpellingsIn(turn.text) : [];
  for (const name of found) if (!turn.unverifiedSpellings.includes(name)) turn.unverifiedSpellings.push(name);
  if (turn.unverifiedSpellings.length && !turn.flags.includes('unverified-spelling')) turn.flags.push('unverified-spelling');
  return turn;
}
