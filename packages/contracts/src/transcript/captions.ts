import { readLabel } from './label.js';
import { annotationOf, cueOf, spokenFrom, withSpellings, type ParsedTranscriptText, type RawSpokenTurn, type RawTurn } from './parse.js';
import { TRANSCRIPT_TIME_MAX_MS, TRANSCRIPT_TURN_TEXT_MAX, type TranscriptMark } from './schemas.js';

/**
 * Timed import: WebVTT, SRT and speech-to-text JSON read into the same raw turns as pasted text
 * (parse.ts), with times, so the API resolves their speakers exactly as for a paste.
 *
 * - WebVTT: `<v Name>` voice spans name the speaker (several in one cue: one segment each); a cue
 *   without one may start with a "NAME:" label like SRT; other tags are dropped, entities decoded.
 * - SRT: "NAME:" at the start of a card names its speaker; a card without one has no speaker.
 * - JSON (`stt-json`): WhisperX `{segments: [{start, end, text, speaker?, words?: [{word, start?, end?}]}]}`
 *   (seconds), or the Podcasting 2.0 JSON transcript `{version, segments: [{speaker?, startTime,
 *   endTime?, body}]}` (seconds; the generic documented shape, and what Newsdesk exports).
 *
 * Segments are sorted by start (stable); consecutive segments of one speaker join into a turn
 * (texts joined by a space, outer times, a sentence mark at each join and at each sentence start
 * the word timings give); a segment that is only a parenthesised cue, "(SOUNDBITE OF MUSIC)", is a
 * cue turn with its times. A speaker name is read as a broadcast label ("STEVE INSKEEP, HOST",
 * mixed case is upper-cased); a diarized id (`SPEAKER_00`) or any name that is not a label comes
 * back as the turn's label for the resolver to leave unresolved, so the editor maps it once.
 *
 * Bad input throws TranscriptImportError naming the line (captions) or the JSON path.
 */

export class TranscriptImportError extends Error {
  override readonly name = 'TranscriptImportError';
}

export interface TimedWord {
  text: string;
  startMs: number | null;
}
export interface TimedSegment {
  speaker: string | null;
  startMs: number;
  endMs: number;
  text: string;
  words?: TimedWord[];
}

/** Most segments one file may hold. */
export const SEGMENTS_MAX = 200_000;

const TIMESTAMP = /^(?:(\d{1,3}):)?(\d{1,2}):(\d{2})[.,](\d{3})$/;

function readTime(value: string, where: string): number {
  const match = TIMESTAMP.exec(value.trim());
  if (!match) throw new TranscriptImportError(`${where}: "${value.trim().slice(0, 40)}" is not a timestamp (hh:mm:ss.mmm)`);
  const [, h = '0', m = '0', s = '0', ms = '0'] = match;
  if (Number(m) > 59 || Number(s) > 59) throw new TranscriptImportError(`${where}: minutes and seconds run to 59`);
  const total = ((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1000 + Number(ms);
  if (total > TRANSCRIPT_TIME_MAX_MS) throw new TranscriptImportError(`${where}: a time is at most 24 hours`);
  return total;
}

function readTiming(line: string, lineNo: number): { startMs: number; endMs: number } {
  const [from = '', rest = ''] = line.split('-->');
  const to = rest.trim().split(/\s+/)[0] ?? '';
  const startMs = readTime(from, `Line ${lineNo}`);
  const endMs = readTime(to, `Line ${lineNo}`);
  if (endMs < startMs) throw new TranscriptImportError(`Line ${lineNo}: the cue ends before it starts`);
  return { startMs, endMs };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', nbsp: ' ', lrm: '', rlm: '', quot: '"', apos: "'" };
const decode = (s: string) => s.replace(/&(amp|lt|gt|nbsp|lrm|rlm|quot|apos);/g, (_, name: string) => ENTITIES[name] ?? '');
const stripTags = (s: string) => s.replace(/<[^>]*>/g, '').replace(/\{\\[^}]*\}/g, '');
const clean = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Blocks of a caption file: lines between blank lines, with the number of their first line. */
function blocksOf(text: string): { lines: string[]; first: number }[] {
  const lines = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  const blocks: { lines: string[]; first: number }[] = [];
  let current: { lines: string[]; first: number } | null = null;
  lines.forEach((line, i) => {
    if (line.trim() === '') current = null;
    else if (current) current.lines.push(line);
    else {
      current = { lines: [line], first: i + 1 };
      blocks.push(current);
    }
  });
  return blocks;
}

/** "NAME: text" -> speaker and text, when NAME reads as a capitals label; else no speaker. */
function labelPrefix(text: string): { speaker: string | null; text: string } {
  const match = /^\s*(?:>>\s*)?([^:\n]{1,160}):\s+/.exec(text);
  if (match?.[1] && readLabel(match[1].trim())) return { speaker: match[1].trim(), text: text.slice(match[0].length) };
  return { speaker: null, text };
}

export function parseVtt(text: string): TimedSegment[] {
  const blocks = blocksOf(text);
  const header = blocks.shift();
  if (!header || !/^WEBVTT(?:[ \t].*)?$/.test(header.lines[0] ?? ''))
    throw new TranscriptImportError('Line 1: a WebVTT file starts with "WEBVTT"');
  const segments: TimedSegment[] = [];
  for (const block of blocks) {
    const head = block.lines[0] ?? '';
    if (/^(?:NOTE|STYLE|REGION)(?:\s|$)/.test(head)) continue;
    const at = block.lines.findIndex((line) => line.includes('-->'));
    if (at < 0 || at > 1) throw new TranscriptImportError(`Line ${block.first}: expected a cue timing (00:00:01.000 --> 00:00:04.000)`);
    const times = readTiming(block.lines[at] ?? '', block.first + at);
    const payload = block.lines.slice(at + 1).join('\n');
    const voices = [...payload.matchAll(/<v(?:\.[^\s>]*)?[ \t]+([^>]*)>/g)];
    if (!voices.length) {
      const plain = clean(decode(stripTags(payload)));
      if (plain) segments.push({ ...times, ...labelPrefix(plain) });
      continue;
    }
    const before = clean(decode(stripTags(payload.slice(0, voices[0]?.index ?? 0))));
    if (before) segments.push({ ...times, ...labelPrefix(before) });
    voices.forEach((voice, k) => {
      const end = voices[k + 1]?.index ?? payload.length;
      const body = clean(decode(stripTags(payload.slice((voice.index ?? 0) + voice[0].length, end))));
      const speaker = clean(decode(voice[1] ?? '')) || null;
      if (body) segments.push({ ...times, speaker, text: body });
    });
  }
  return segments;
}

export function parseSrt(text: string): TimedSegment[] {
  const segments: TimedSegment[] = [];
  for (const block of blocksOf(text)) {
    const at = block.lines.findIndex((line) => line.includes('-->'));
    if (at < 0 || at > 1 || (at === 1 && !/^\s*\d+\s*$/.test(block.lines[0] ?? '')))
      throw new TranscriptImportError(`Line ${block.first}: expected a card number and a timing (00:00:01,000 --> 00:00:04,000)`);
    const times = readTiming(block.lines[at] ?? '', block.first + at);
    const body = clean(decode(stripTags(block.lines.slice(at + 1).join('\n'))));
    if (body) segments.push({ ...times, ...labelPrefix(body) });
  }
  if (!segments.length) throw new TranscriptImportError('Line 1: no SRT cards found');
  return segments;
}

function seconds(value: unknown, where: string, optional = false): number | null {
  if (optional && (value === undefined || value === null)) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new TranscriptImportError(`${where}: a time in seconds (a number)`);
  if (value < 0 || value * 1000 > TRANSCRIPT_TIME_MAX_MS) throw new TranscriptImportError(`${where}: a time from 0 to 24 hours`);
  return Math.round(value * 1000);
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function parseSttJson(text: string): TimedSegment[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new TranscriptImportError(`Not JSON: ${(error as Error).message.slice(0, 120)}`);
  }
  const list = isObject(data) ? data.segments : undefined;
  if (!Array.isArray(list)) throw new TranscriptImportError('segments: a JSON object with a "segments" array');
  if (list.length > SEGMENTS_MAX) throw new TranscriptImportError(`segments: at most ${SEGMENTS_MAX.toLocaleString('en-US')} segments`);
  return list.map((item: unknown, i): TimedSegment => {
    const where = `segments.${i}`;
    if (!isObject(item)) throw new TranscriptImportError(`${where}: a segment is an object`);
    const podcast = 'startTime' in item;
    const startMs = seconds(podcast ? item.startTime : item.start, `${where}.${podcast ? 'startTime' : 'start'}`) as number;
    const endMs = seconds(podcast ? item.endTime : item.end, `${where}.${podcast ? 'endTime' : 'end'}`, podcast) ?? startMs;
    if (endMs < startMs) throw new TranscriptImportError(`${where}: the segment ends before it starts`);
    const body = podcast ? item.body : item.text;
    if (typeof body !== 'string') throw new TranscriptImportError(`${where}.${podcast ? 'body' : 'text'}: the segment's text (a string)`);
    const speaker = item.speaker;
    if (speaker !== undefined && speaker !== null && typeof speaker !== 'string')
      throw new TranscriptImportError(`${where}.speaker: a name or id (a string)`);
    const segment: TimedSegment = { speaker: speaker?.trim() || null, startMs, endMs, text: clean(body) };
    if (!podcast && Array.isArray(item.words)) {
      segment.words = item.words.map((word: unknown, k): TimedWord => {
        if (!isObject(word) || typeof word.word !== 'string') throw new TranscriptImportError(`${where}.words.${k}.word: a string`);
        return { text: word.word.trim(), startMs: seconds(word.start, `${where}.words.${k}.start`, true) };
      });
    }
    return segment;
  });
}

const DIARIZED = /^(?:SPEAKER|SPK|S)[ _-]?\d+$/i;
const SENTENCE_END = /[.?!]["'\u201d)]*$/;

interface Building {
  turn: RawSpokenTurn;
  key: string;
  startMs: number;
  endMs: number;
  marks: TranscriptMark[];
}

function addMark(b: Building, at: number, ms: number) {
  const last = b.marks[b.marks.length - 1];
  if (at <= 0 || at >= b.turn.text.length + 1) return;
  if (last && (at <= last.at || ms < last.ms)) return;
  if (ms < b.startMs) return;
  b.marks.push({ at, ms });
}

function spokenTurnFor(speaker: string | null, text: string): RawSpokenTurn {
  if (speaker === null) return spokenFrom(null, text, ['unattributed']);
  const parts = DIARIZED.test(speaker) ? null : readLabel(speaker.toUpperCase() === speaker ? speaker : speaker.toUpperCase());
  if (parts) return spokenFrom(parts, text, []);
  const turn = spokenFrom(null, text, []);
  turn.label = speaker;
  turn.words = [speaker];
  return turn;
}

/** Joins sorted segments into raw turns (see the file's comment). */
export function segmentsToTurns(input: readonly TimedSegment[]): ParsedTranscriptText {
  const segments = input.map((s, i) => ({ s, i })).sort((a, b) => a.s.startMs - b.s.startMs || a.i - b.i);
  const turns: RawTurn[] = [];
  let current: Building | null = null;
  const finish = () => {
    const done = current;
    if (!done) return;
    const endMs = Math.max(done.endMs, done.startMs + 1);
    done.turn.startMs = done.startMs;
    done.turn.endMs = endMs;
    const marks = done.marks.filter((m) => m.at < done.turn.text.length && m.ms <= endMs);
    if (marks.length) done.turn.marks = marks;
    withSpellings(done.turn);
    current = null;
  };
  for (const { s } of segments) {
    if (!s.text) continue;
    const cue = cueOf(s.text);
    if (cue !== null) {
      finish();
      turns.push({ kind: 'cue', cue, startMs: s.startMs, endMs: Math.max(s.endMs, s.startMs + 1) });
      continue;
    }
    const key = s.speaker === null ? '' : s.speaker.toUpperCase();
    let offset: number;
    if (current && current.key === key && current.turn.text.length + s.text.length < TRANSCRIPT_TURN_TEXT_MAX) {
      offset = current.turn.text.length + 1;
      current.turn.text = `${current.turn.text} ${s.text}`;
      current.endMs = Math.max(current.endMs, s.endMs);
      addMark(current, offset, s.startMs);
    } else {
      finish();
      const { annotation, text } = annotationOf(s.text);
      const turn = spokenTurnFor(s.speaker, text);
      turn.annotation ??= annotation;
      offset = 0;
      const building: Building = { turn, key, startMs: s.startMs, endMs: s.endMs, marks: [] };
      current = building;
      turns.push(turn);
      offset = text.length - s.text.length; // negative when an annotation was read off the front
    }
    // Sentence starts from word timings: the word after one that ends a sentence.
    if (s.words?.length) {
      let cursor = Math.max(0, -offset);
      let previous = '';
      for (const word of s.words) {
        const found = word.text ? s.text.indexOf(word.text, cursor) : -1;
        if (found < 0) continue;
        cursor = found + word.text.length;
        if (SENTENCE_END.test(previous) && word.startMs !== null && word.startMs <= s.endMs) addMark(current, offset + found, word.startMs);
        previous = word.text;
      }
    }
  }
  finish();
  return { turns, credit: null };
}

/** Reads a caption or speech-to-text file into raw turns with times; throws TranscriptImportError. */
export function parseTimedTranscript(text: string, format: 'vtt' | 'srt' | 'stt-json'): ParsedTranscriptText {
  const segments = format === 'vtt' ? parseVtt(text) : format === 'srt' ? parseSrt(text) : parseSttJson(text);
  if (segments.length > SEGMENTS_MAX) throw new TranscriptImportError(`At most ${SEGMENTS_MAX.toLocaleString('en-US')} segments`);
  return segmentsToTurns(segments);
}
