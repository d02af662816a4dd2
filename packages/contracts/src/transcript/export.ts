import type { TranscriptMark } from './schemas.js';
import { broadcastText, type SpanLike } from './spellings.js';

/**
 * Caption and podcast exports of a story's timed transcript, from the public turns (broadcast
 * labels as rendered by renderTranscript): `transcript.vtt` (WebVTT, a `<v LABEL>` voice span on
 * every cue), `transcript.srt` ("LABEL: " on every card) and `transcript.json` (Podcasting 2.0
 * JSON transcript, version 1.0.0: segments of speaker, startTime, endTime, body in seconds).
 *
 * A spoken turn is cut at its sentence marks into several cues of the same speaker (captions
 * stay readable; importing the file joins them back into the turn, with the same marks), at
 * marks no later than the next turn's start only, so that cues stay in order of start. The
 * annotation is printed in parentheses at the start of the turn's first cue; cues print as
 * "(SOUNDBITE OF MUSIC)" with no speaker; an untimed cue is left out. Paragraph breaks inside a
 * turn become spaces (caption formats have none). Every spoken turn must be timed: else
 * `untimedReason` says why there is no export (the API answers 404 with it).
 */

export interface ExportTurn {
  label?: string;
  cue?: string;
  annotation?: string | null;
  text?: string;
  startMs?: number;
  endMs?: number;
  marks?: TranscriptMark[];
  /** Spelling spans: an unverified one prints " (ph)" after it (spellings.ts broadcastText). */
  spellings?: SpanLike[];
}

/** The turn with its public text: " (ph)" after unverified spans, the marks moved to match. */
function publicTurn(turn: ExportTurn): ExportTurn {
  if (!turn.spellings?.length || turn.text === undefined) return turn;
  const { text, marks } = broadcastText(turn.text, turn.spellings, turn.marks);
  return { ...turn, text, marks, spellings: undefined };
}

export interface ExportCue {
  startMs: number;
  endMs: number;
  speaker: string | null;
  text: string;
}

/** Why the turns cannot be exported as captions, or null when they can. */
export function untimedReason(turns: readonly ExportTurn[]): string | null {
  if (!turns.length) return 'The story has no transcript.';
  const untimed = turns.filter((t) => t.cue === undefined && (t.startMs === undefined || t.endMs === undefined)).length;
  if (untimed) return `${untimed} of the transcript's turns have no times: timed exports need every spoken turn timed.`;
  return null;
}

/** The cues of the export, in order (see the file's comment). */
export function exportCues(turns: readonly ExportTurn[]): ExportCue[] {
  const cues: ExportCue[] = [];
  // The start of the next timed turn: a turn is cut no later than that, so cues stay in start order (overlapping speech).
  const nextStarts: number[] = [];
  let following = Infinity;
  for (let i = turns.length - 1; i >= 0; i--) {
    nextStarts[i] = following;
    const start = turns[i]?.startMs;
    if (start !== undefined) following = start;
  }
  turns.forEach((stored, index) => {
    const turn = publicTurn(stored);
    const { startMs: turnStart, endMs: turnEnd } = turn;
    if (turnStart === undefined || turnEnd === undefined) return;
    if (turn.cue !== undefined) {
      cues.push({ startMs: turnStart, endMs: turnEnd, speaker: null, text: `(${turn.cue})` });
      return;
    }
    const limit = nextStarts[index] ?? Infinity;
    const text = (turn.text ?? '').replace(/\s+/g, ' ');
    const prefix = turn.annotation ? `(${turn.annotation}) ` : '';
    const cuts: TranscriptMark[] = [];
    let lastMs = turnStart;
    for (const mark of turn.marks ?? []) {
      // Only marks at a single space with a later time than the cue before make a clean cut.
      if (mark.ms <= lastMs || mark.ms >= turnEnd || mark.ms > limit || text[mark.at - 1] !== ' ' || text[mark.at] === ' ') continue;
      if ((turn.text ?? '').slice(0, mark.at) !== text.slice(0, mark.at)) continue;
      cuts.push(mark);
      lastMs = mark.ms;
    }
    const starts = [0, ...cuts.map((cut) => cut.at)];
    starts.forEach((from, k) => {
      const next = cuts[k];
      const piece = text.slice(from, next ? next.at - 1 : text.length);
      const startMs = k === 0 ? turnStart : (cuts[k - 1] as TranscriptMark).ms;
      const endMs = next ? next.ms : turnEnd;
      cues.push({ startMs, endMs, speaker: turn.label ?? null, text: k === 0 ? `${prefix}${piece}` : piece });
    });
  });
  return cues;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
function clock(ms: number, separator: '.' | ','): string {
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor(ms / 60_000) % 60;
  const s = Math.floor(ms / 1000) % 60;
  return `${pad(h)}:${pad(m)}:${pad(s)}${separator}${pad(ms % 1000, 3)}`;
}
const vttEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function transcriptToVtt(turns: readonly ExportTurn[]): string {
  const blocks = exportCues(turns).map((cue, i) => {
    const voice = cue.speaker ? `<v ${vttEscape(cue.speaker)}>` : '';
    return `${i + 1}\n${clock(cue.startMs, '.')} --> ${clock(cue.endMs, '.')}\n${voice}${vttEscape(cue.text)}`;
  });
  return `WEBVTT\n\n${blocks.join('\n\n')}\n`;
}

export function transcriptToSrt(turns: readonly ExportTurn[]): string {
  const blocks = exportCues(turns).map((cue, i) => {
    const label = cue.speaker ? `${cue.speaker}: ` : '';
    return `${i + 1}\n${clock(cue.startMs, ',')} --> ${clock(cue.endMs, ',')}\n${label}${cue.text.replace(/-->/g, '->')}`;
  });
  return `${blocks.join('\n\n')}\n`;
}

/** Podcasting 2.0 JSON transcript (https://github.com/Podcastindex-org/podcast-namespace, transcripts.md). */
export interface PodcastJsonTranscript {
  version: '1.0.0';
  segments: Array<{ speaker?: string; startTime: number; endTime: number; body: string }>;
}

export function transcriptToPodcastJson(turns: readonly ExportTurn[]): PodcastJsonTranscript {
  return {
    version: '1.0.0',
    segments: exportCues(turns).map((cue) => ({
      ...(cue.speaker ? { speaker: cue.speaker } : {}),
      startTime: cue.startMs / 1000,
      endTime: cue.endMs / 1000,
      body: cue.text,
    })),
  };
}

const htmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** An inline broadcast cue inside a turn's text: "(LAUGHTER)", "(SOUNDBITE OF ARCHIVED BROADCAST)" (capitals, no "(ph)"). */
const INLINE_CUE = /\((?=[^)]*\p{Lu})[^()\p{Ll}\n]{2,300}\)/gu;
/** Escaped text with its inline cues in `<em>`. */
const htmlText = (text: string) => {
  let out = '';
  let from = 0;
  for (const match of text.matchAll(INLINE_CUE)) {
    out += `${htmlEscape(text.slice(from, match.index))}<em>${htmlEscape(match[0])}</em>`;
    from = match.index + match[0].length;
  }
  return out + htmlEscape(text.slice(from));
};

/**
 * `transcript.html`: an HTML5 document of the whole transcript (timed or not), semantic: each
 * spoken turn a paragraph opening with its broadcast label in `<strong>` ("<strong>STEVE INSKEEP,
 * HOST:</strong>"), its annotation in parentheses, then its text (later paragraphs of a turn their
 * own `<p>`); cues, standalone or inline, in `<em>`; unverified spellings with " (ph)"; the credit
 * line last. Every piece of text is escaped.
 */
export function transcriptToHtml(headline: string, turns: readonly ExportTurn[], credit?: string | null): string {
  const blocks: string[] = [];
  for (const stored of turns) {
    const turn = publicTurn(stored);
    if (turn.cue !== undefined) {
      blocks.push(`<p class="cue"><em>(${htmlEscape(turn.cue)})</em></p>`);
      continue;
    }
    const paragraphs = (turn.text ?? '').split(/\n{2,}/).map((p) => p.trim());
    const annotation = turn.annotation ? ` (${htmlEscape(turn.annotation)})` : '';
    const first = paragraphs[0] ? ` ${htmlText(paragraphs[0]).replace(/\n/g, '<br>')}` : annotation ? '.' : '';
    blocks.push(`<p><strong>${htmlEscape(turn.label ?? '')}:</strong>${annotation}${first}</p>`);
    for (const more of paragraphs.slice(1)) if (more) blocks.push(`<p>${htmlText(more).replace(/\n/g, '<br>')}</p>`);
  }
  if (credit?.trim()) blocks.push(`<p class="credit">${htmlEscape(credit.trim())}</p>`);
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${htmlEscape(headline)}: transcript</title>
</head>
<body>
  <main>
    <h1>${htmlEscape(headline)}</h1>
${blocks.map((block) => `    ${block}`).join('\n')}
  </main>
</body>
</html>
`;
}
