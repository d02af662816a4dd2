import { ParseTranscriptResponseSchema, type ParseTranscriptResponse, type ParsedTurn } from '@newsdesk/contracts';
import SrtParser from 'srt-parser-2';
import { WebVTTParser, type VttNode } from 'webvtt-parser';
import { XMLParser } from 'fast-xml-parser';
import { insertExternalAudio } from './support/audio.js';
import { startTestApp, type TestApp } from './support/app.js';
import { Desk, word } from './support/desk.js';
import { png, upload } from './support/images.js';
import { createProgram } from './support/schedule.js';

/**
 * Timed transcripts (issue 19) over HTTP: import of a 2-hour show written here as WhisperX JSON,
 * WebVTT and SRT (600+ segments with word timings, overlapping speech, a speaker never named, a
 * segment split mid-sentence); the timing rules on save (monotonic, inside the primary audio);
 * the public exports read by independent parsers (webvtt-parser's validator, srt-parser-2) and the
 * Podcasting 2.0 JSON fields; round trip export -> import -> the same turns and times; the feed's
 * podcast:transcript tags; bad files answer 400, never 5xx. Figures are printed, never asserted.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary response bodies
type Body = any;

let app: TestApp;
let editor: string;
let admin: string;
let desk: Desk;
let host: { id: string; slug: string };
let guest: { id: string; slug: string };
const HOST_NAME = 'Rachel Martin';
let guestName: string;

/** A tiny seeded generator (mulberry32). */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n) };
}

type Who = 'host' | 'guest' | 'nobody' | 'cue';
interface Word {
  text: string;
  startMs: number;
  endMs: number;
}
interface Segment {
  who: Who;
  startMs: number;
  endMs: number;
  text: string;
  words: Word[];
}

const VOCABULARY =
  'the water board said on tuesday that pipes would be replaced across the county by spring and residents asked who pays for it'.split(' ');

/**
 * A 2-hour show: runs of 1-4 segments per speaker, a cue every 60 segments, about one speaker
 * change in eight overlapping the previous segment by 700 ms, one segment in ten of a run split
 * mid-sentence (no full stop, the sentence goes on in the next segment).
 */
function twoHourShow(seed = 19): Segment[] {
  const rng = random(seed);
  const segments: Segment[] = [];
  let t = 1_000;
  let who: Who = 'host';
  let run = 0;
  while (t < 7_140_000) {
    if (segments.length % 60 === 30) {
      segments.push({ who: 'cue', startMs: t, endMs: t + 4_000, text: '(SOUNDBITE OF MUSIC)', words: [] });
      t += 4_300;
      run = 0;
      continue;
    }
    let startMs = t;
    if (run === 0) {
      const others = (['host', 'guest', 'nobody'] as const).filter((w) => w !== who);
      const previous = segments[segments.length - 1];
      who = others[rng.int(others.length)] ?? 'host';
      run = 1 + rng.int(4);
      if (previous && previous.who !== 'cue' && rng.int(8) === 0) startMs = previous.endMs - 700;
    }
    run--;
    const splitMidSentence = run > 0 && rng.int(10) === 0;
    const count = 25 + rng.int(16);
    const words: Word[] = [];
    let at = startMs;
    let sinceStop = 0;
    for (let k = 0; k < count; k++) {
      const last = k === count - 1;
      let text = VOCABULARY[rng.int(VOCABULARY.length)] ?? 'x';
      if (sinceStop === 0) text = text.charAt(0).toUpperCase() + text.slice(1);
      sinceStop++;
      // Sentences end every 8-12 words, never within the last four words (but at the very end).
      const stop = last ? !splitMidSentence : sinceStop >= 8 + rng.int(5) && k < count - 4;
      if (stop) {
        text += '.';
        sinceStop = 0;
      }
      const length = 220 + rng.int(160);
      words.push({ text, startMs: at, endMs: at + length });
      at += length + 40;
    }
    segments.push({ who, startMs, endMs: at, text: words.map((w) => w.text).join(' '), words });
    t = at + 300;
  }
  return segments;
}

const SHOW = twoHourShow();
const DURATION_MS = 7_300_000;
const seconds = (ms: number) => ms / 1000;

function whisperx(segments: readonly Segment[]): string {
  const ids: Record<Who, string | undefined> = { host: 'SPEAKER_00', guest: 'SPEAKER_01', nobody: 'SPEAKER_02', cue: undefined };
  return JSON.stringify({
    segments: segments.map((s) => ({
      start: seconds(s.startMs),
      end: seconds(s.endMs),
      text: ` ${s.text}`,
      ...(ids[s.who] ? { speaker: ids[s.who] } : {}),
      words: s.words.map((w) => ({ word: w.text, start: seconds(w.startMs), end: seconds(w.endMs), score: 0.91, speaker: ids[s.who] })),
    })),
    word_segments: [],
  });
}

const clock = (ms: number, sep: string) =>
  `${String(Math.floor(ms / 3_600_000)).padStart(2, '0')}:${String(Math.floor(ms / 60_000) % 60).padStart(2, '0')}:${String(
    Math.floor(ms / 1000) % 60,
  ).padStart(2, '0')}${sep}${String(ms % 1000).padStart(3, '0')}`;

function vtt(segments: readonly Segment[]): string {
  const voice: Record<Who, string> = { host: `<v ${HOST_NAME}>`, guest: `<v ${guestName}>`, nobody: '', cue: '' };
  return `WEBVTT\n\nNOTE written by the timed-transcripts test\n\n${segments
    .map((s, i) => `seg-${i}\n${clock(s.startMs, '.')} --> ${clock(s.endMs, '.')}\n${voice[s.who]}${s.text}${voice[s.who] ? '</v>' : ''}`)
    .join('\n\n')}\n`;
}

function srt(segments: readonly Segment[]): string {
  const prefix: Record<Who, string> = { host: `${HOST_NAME.toUpperCase()}: `, guest: `${guestName.toUpperCase()}: `, nobody: '', cue: '' };
  return `${segments.map((s, i) => `${i + 1}\r\n${clock(s.startMs, ',')} --> ${clock(s.endMs, ',')}\r\n${prefix[s.who]}${s.text}`).join('\r\n\r\n')}\r\n`;
}

/** The turns the import must make: runs of one speaker, cues apart, with the runs' outer times. */
function expectedTurns(segments: readonly Segment[]) {
  const turns: Array<{ who: Who; startMs: number; endMs: number; text: string }> = [];
  for (const s of segments) {
    const last = turns[turns.length - 1];
    if (s.who !== 'cue' && last && last.who === s.who) {
      last.endMs = Math.max(last.endMs, s.endMs);
      last.text += ` ${s.text}`;
    } else turns.push({ who: s.who, startMs: s.startMs, endMs: s.endMs, text: s.who === 'cue' ? 'SOUNDBITE OF MUSIC' : s.text });
  }
  return turns;
}

async function parse(text: string, format: string): Promise<{ status: number; body: Body }> {
  const response = await app.request('POST', '/api/transcripts/parse', { token: editor, body: { text, format } });
  return { status: response.status, body: response.body };
}
async function parsed(text: string, format: string): Promise<ParseTranscriptResponse> {
  const response = await parse(text, format);
  expect(response.status).toBe(200);
  return ParseTranscriptResponseSchema.parse(response.body);
}

const timesOf = (turns: readonly ParsedTurn[]) => turns.map((t) => [t.startMs, t.endMs]);
function expectMonotonic(turns: ReadonlyArray<{ startMs?: number | null; endMs?: number | null }>) {
  let previous = -1;
  for (const turn of turns) {
    expect(typeof turn.startMs).toBe('number');
    expect(turn.endMs!).toBeGreaterThan(turn.startMs!);
    expect(turn.startMs!).toBeGreaterThanOrEqual(previous);
    previous = turn.startMs!;
  }
}

/** A turn compared across imports and exports: speaker, role, annotation, text, times, marks. */
function canonical(turn: Body) {
  if ('cue' in turn && turn.cue) return { cue: turn.cue, startMs: turn.startMs, endMs: turn.endMs };
  return {
    personId: turn.personId ?? null,
    unidentified: turn.unidentified?.descriptor ?? null,
    role: turn.role ?? null,
    annotation: turn.annotation ?? null,
    text: turn.text,
    startMs: turn.startMs,
    endMs: turn.endMs,
    marks: turn.marks ?? null,
  };
}

beforeAll(async () => {
  app = await startTestApp({ OUTBOX_WORKER: 'false' });
  editor = (await app.signIn(['editor'])).token;
  admin = (await app.signIn(['admin'])).token;
  desk = new Desk(app, editor);
  host = await desk.person(HOST_NAME);
  guestName = `Tomas ${word('Varga').replace(/^v/, 'V')}`;
  guest = await desk.person(guestName);
});
afterAll(async () => {
  await app?.close();
});

let story: Body;

describe('import of a 2-hour show', () => {
  it('has a fixture of 600+ segments with word timings, overlaps and a mid-sentence split', () => {
    expect(SHOW.length).toBeGreaterThanOrEqual(600);
    expect(SHOW.filter((s, i) => i > 0 && s.startMs < SHOW[i - 1]!.endMs).length).toBeGreaterThan(5);
    expect(SHOW.some((s, i) => s.who !== 'cue' && !s.text.endsWith('.') && SHOW[i + 1]?.who === s.who)).toBe(true);
    expect(whisperx(SHOW).length).toBeGreaterThan(1024 * 1024); // over the 1 MiB limit of other routes
  });

  it('reads WhisperX JSON: runs of a speaker joined, cues kept, times monotonic, SPEAKER_xx unresolved for the editor to map', async () => {
    const result = await parsed(whisperx(SHOW), 'stt-json');
    const expected = expectedTurns(SHOW);
    expect(result.turns).toHaveLength(expected.length);
    expect(timesOf(result.turns)).toEqual(expected.map((t) => [t.startMs, t.endMs]));
    expectMonotonic(result.turns);
    expect(result.turns.filter((t) => 'cue' in t).length).toBe(SHOW.filter((s) => s.who === 'cue').length);
    expect(result.unresolved.map((u) => u.label).sort()).toEqual(['SPEAKER_00', 'SPEAKER_01', 'SPEAKER_02']);
    const indexes = result.unresolved.flatMap((u) => u.turnIndexes).sort((a, b) => a - b);
    expect(indexes).toEqual(expected.flatMap((t, i) => (t.who === 'cue' ? [] : [i])));
    const spoken = result.turns.filter((t) => !('cue' in t));
    expect(spoken.every((t) => 'text' in t && t.flags.includes('unresolved'))).toBe(true);
    expect(spoken.filter((t) => 'marks' in t && t.marks?.length).length).toBeGreaterThan(spoken.length / 2);
    expect(result.turns.map((t) => ('cue' in t ? t.cue : t.text))).toEqual(expected.map((t) => t.text));
  });

  it('reads WebVTT voices and SRT "NAME:" prefixes: named speakers matched, the never-named one unattributed, same turns and times', async () => {
    const expected = expectedTurns(SHOW);
    for (const [file, format] of [
      [vtt(SHOW), 'vtt'],
      [srt(SHOW), 'srt'],
    ] as const) {
      const result = await parsed(file, format);
      expect({ format, turns: result.turns.length }).toEqual({ format, turns: expected.length });
      expect(timesOf(result.turns)).toEqual(expected.map((t) => [t.startMs, t.endMs]));
      expect(result.unresolved).toEqual([]);
      result.turns.forEach((turn, i) => {
        const who = expected[i]!.who;
        if (who === 'cue') expect(turn).toMatchObject({ cue: 'SOUNDBITE OF MUSIC' });
        else if (who === 'nobody')
          expect(turn).toMatchObject({ personId: null, label: null, flags: expect.arrayContaining(['unattributed']) });
        else expect(turn).toMatchObject({ personId: who === 'host' ? host.id : guest.id, confidence: expect.any(Number) });
      });
    }
  });

  it('answers bad files with 400 naming the field and line, never 5xx (truncations, huge times, NUL, 5 MB limit)', async () => {
    const bad: Array<[string, string, RegExp]> = [
      ['WEBVTT\n\n00:00:01.000 --> 00:00:0', 'vtt', /^Line 3: /],
      ['no header\n\n00:00:01.000 --> 00:00:02.000\nhi', 'vtt', /^Line 1: /],
      ['WEBVTT\n\n99999:00:00.000 --> 99999:00:01.000\nx', 'vtt', /^Line 3: /],
      ['WEBVTT\n\n24:00:00.001 --> 24:00:01.000\nx', 'vtt', /24 hours/],
      ['1\n00:00:05,000 --> 00:00:01,000\nX: y', 'srt', /^Line 2: the cue ends before it starts/],
      ['just text', 'srt', /^Line 1: /],
      ['{"segments": [{"start": 1, "end": 2, "text": "a"}, {"start": 1e308, "end": 2, "text": "b"}]}', 'stt-json', /^segments\.1\.start: /],
      ['{"segments": [{"start": 1, "end": 2, "text": 5}]}', 'stt-json', /^segments\.0\.text: /],
      ['{"segments": [{"start": 1, "end": 2, "text": "a", "words": [{"word": 1}]}]}', 'stt-json', /^segments\.0\.words\.0\.word: /],
      ['{"segments": {}}', 'stt-json', /^segments: /],
      [whisperx(SHOW.slice(0, 20)).slice(0, 3000), 'stt-json', /^Not JSON: /],
    ];
    for (const [text, format, message] of bad) {
      const response = await parse(text, format);
      expect({ format, status: response.status }).toEqual({ format, status: 400 });
      expect(response.body.errors[0]).toMatchObject({ field: 'text', message: expect.stringMatching(message) });
    }
    expect((await parse('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nnul\u0000here', 'vtt')).status).toBe(400);
    expect((await parse('x', 'docx')).body.errors[0]).toMatchObject({ field: 'format' });
    const huge = await parse(`WEBVTT\n\n${'x'.repeat(5_000_001)}`, 'vtt');
    expect(huge.status).toBe(400);
    expect(huge.body.errors[0]).toMatchObject({ field: 'text', message: expect.stringContaining('5,000,000') });
    expect((await parse('A: b\n\n'.repeat(200_000), 'text')).body.errors[0]).toMatchObject({ field: 'text' });

    // Seeded truncations and byte flips of each format: 200 or 400, never anything else.
    const rng = random(7);
    const files = [
      [whisperx(SHOW.slice(0, 40)), 'stt-json'],
      [vtt(SHOW.slice(0, 40)), 'vtt'],
      [srt(SHOW.slice(0, 40)), 'srt'],
    ] as const;
    const statuses = new Set<number>();
    for (let i = 0; i < 45; i++) {
      const [file, format] = files[i % 3]!;
      let text = file.slice(0, 1 + rng.int(file.length));
      const at = rng.int(text.length);
      if (i % 2) text = `${text.slice(0, at)}${'-->:.,{"<v'.charAt(rng.int(10))}${text.slice(at + 1)}`;
      const { status } = await parse(text, format);
      statuses.add(status);
      expect([200, 400]).toContain(status);
    }
    expect(statuses.has(400)).toBe(true);
  });
});

describe('saving timed turns', () => {
  it('maps SPEAKER_xx once, saves with the 2-hour audio, returns times to staff and in the public story', async () => {
    const result = await parsed(whisperx(SHOW), 'stt-json');
    let hostSeen = false;
    let guestSeen = false;
    const turns = result.turns.map((turn) => {
      if ('cue' in turn) return turn;
      const { label, ...rest } = turn;
      if (label === 'SPEAKER_00') {
        const role = hostSeen ? null : 'HOST';
        hostSeen = true;
        return { ...rest, personId: host.id, role, label: null };
      }
      if (label === 'SPEAKER_01') {
        const annotation = guestSeen ? null : 'Through interpreter';
        guestSeen = true;
        return { ...rest, personId: guest.id, annotation, label: null };
      }
      return { ...rest, personId: null, unidentified: { descriptor: 'MAN', number: null }, label: null };
    });
    const assetId = await insertExternalAudio(app.db, { durationMs: DURATION_MS });
    const created = await desk.story({ headline: word('Timed'), audio: [{ assetId }], transcript: { turns } });
    expect(created.transcript.turns).toHaveLength(result.turns.length);
    expect(created.transcript.turns.map(canonical)).toEqual(turns.map(canonical));
    story = await desk.publish(created);
    const shown = (await app.request('GET', `/api/public/stories/${story.slug}`)).body;
    expect(shown.transcript.turns[0]).toMatchObject({ startMs: turns[0]!.startMs, endMs: turns[0]!.endMs });
    expect(shown.transcript.turns.every((t: Body) => typeof t.startMs === 'number' && !('marks' in t))).toBe(true);
  });

  it('refuses times past the primary audio, out of order, or half-set: 400 naming transcript.turns.N.<field>', async () => {
    const shortAudio = await insertExternalAudio(app.db, { durationMs: 60_000 });
    const turn = (text: string, startMs: number, endMs?: number) => ({
      personId: host.id,
      text,
      startMs,
      ...(endMs === undefined ? {} : { endMs }),
    });
    const attempts: Array<[Body[], string]> = [
      [[turn('a', 0, 1000), turn('b', 59_000, 61_000)], 'transcript.turns.1.endMs'],
      [[turn('a', 0, 1000), turn('b', 70_000, 71_000)], 'transcript.turns.1.startMs'],
      [[turn('a', 5000, 6000), turn('b', 4000, 4500)], 'transcript.turns.1.startMs'],
      [[turn('a', 5000, 5000)], 'transcript.turns.0.endMs'],
      [[turn('a', 5000)], 'transcript.turns.0.endMs'],
      [[{ ...turn('abc', 0, 9000), marks: [{ at: 2, ms: 9500 }] }], 'transcript.turns.0.marks.0'],
      [[turn('a', -1, 5)], 'transcript.turns.0.startMs'],
    ];
    for (const [turns, field] of attempts) {
      const response = await app.request('POST', '/api/stories', {
        token: editor,
        body: { headline: word('Bad'), bylineIds: [app.bylineId], audio: [{ assetId: shortAudio }], transcript: { turns } },
      });
      expect({ field, status: response.status }).toEqual({ field, status: 400 });
      expect(response.body.errors.map((e: Body) => e.field)).toContain(field);
    }
    // Swapping in a shorter primary audio under a timed transcript is refused the same way.
    const fine = await desk.story({ headline: word('Fine'), transcript: { turns: [turn('a', 0, 1000), turn('b', 2000, 90_000)] } });
    const swap = await app.request('PATCH', `/api/stories/${fine.id}`, {
      token: editor,
      body: { version: fine.version, audio: [{ assetId: shortAudio }] },
    });
    expect(swap.status).toBe(400);
    expect(swap.body.errors[0]).toMatchObject({ field: 'transcript.turns.1.endMs' });
  });
});

describe('timed exports', () => {
  it('writes WebVTT that webvtt-parser validates with 0 errors, voices with the broadcast labels', async () => {
    const response = await app.request('GET', `/api/public/stories/${story.slug}/transcript.vtt`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/vtt; charset=utf-8');
    expect(response.headers.get('etag')).toBeTruthy();
    const tree = new WebVTTParser().parse(response.text, 'metadata');
    expect(tree.errors).toEqual([]);
    const voices = tree.cues.map((cue) => cue.tree.children.find((n: VttNode) => n.type === 'object' && n.name === 'v')?.value ?? null);
    const named = [...new Set(voices.filter(Boolean))];
    expect(named).toEqual(
      expect.arrayContaining([`${HOST_NAME.toUpperCase()}, HOST`, 'MARTIN', guestName.toUpperCase(), 'UNIDENTIFIED MAN']),
    );
    expect(tree.cues.length).toBeGreaterThan(SHOW.length); // turns cut at their sentence marks
    for (let i = 1; i < tree.cues.length; i++) expect(tree.cues[i]!.startTime).toBeGreaterThanOrEqual(tree.cues[i - 1]!.startTime);
    const again = await app.request('GET', `/api/public/stories/${story.slug}/transcript.vtt`, {
      headers: { 'if-none-match': response.headers.get('etag')! },
    });
    expect(again.status).toBe(304);
  });

  it('writes SRT that srt-parser-2 reads back into the same cues as the VTT', async () => {
    const srtText = (await app.request('GET', `/api/public/stories/${story.slug}/transcript.srt`)).text;
    const vttText = (await app.request('GET', `/api/public/stories/${story.slug}/transcript.vtt`)).text;
    const cards = new SrtParser().fromSrt(srtText);
    const cues = new WebVTTParser().parse(vttText, 'metadata').cues;
    expect(cards).toHaveLength(cues.length);
    cards.forEach((card, i) => {
      expect([card.startSeconds, card.endSeconds]).toEqual([cues[i]!.startTime, cues[i]!.endTime]);
    });
    expect(cards[0]!.text).toMatch(/^[A-Z]/);
  });

  it('writes the Podcasting 2.0 JSON transcript: version and segments of speaker, startTime, endTime, body', async () => {
    const response = await app.request('GET', `/api/public/stories/${story.slug}/transcript.json`);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const json = JSON.parse(response.text) as Body;
    expect(json.version).toBe('1.0.0');
    expect(Object.keys(json).sort()).toEqual(['segments', 'version']);
    for (const segment of json.segments) {
      expect(Object.keys(segment).every((key) => ['speaker', 'startTime', 'endTime', 'body'].includes(key))).toBe(true);
      expect(typeof segment.startTime).toBe('number');
      expect(segment.endTime).toBeGreaterThan(segment.startTime);
      expect(typeof segment.body).toBe('string');
    }
    expect(json.segments.filter((s: Body) => !s.speaker).map((s: Body) => s.body)).toContain('(SOUNDBITE OF MUSIC)');
  });

  it('round trip: each export imported again gives the same turns, speakers, times and marks', async () => {
    const stored = (await desk.call('GET', `/api/stories/${story.id}`)).transcript.turns.map(canonical);
    for (const [suffix, format] of [
      ['vtt', 'vtt'],
      ['srt', 'srt'],
      ['json', 'stt-json'],
    ] as const) {
      const file = (await app.request('GET', `/api/public/stories/${story.slug}/transcript.${suffix}`)).text;
      const again = await parsed(file, format);
      expect({ format, unresolved: again.unresolved }).toEqual({ format, unresolved: [] });
      expect({ format, turns: again.turns.map(canonical) }).toEqual({ format, turns: stored });
    }
  });

  it('answers 404 with the reason for an untimed transcript, and links the timed exports from the podcast feed only when timed', async () => {
    const untimed = await desk.publish(
      await desk.story({ headline: word('Untimed'), transcript: { turns: [Desk.turn(host.id, 'Hello.')] } }),
    );
    for (const suffix of ['vtt', 'srt', 'json']) {
      const response = await app.request('GET', `/api/public/stories/${untimed.slug}/transcript.${suffix}`);
      expect(response.status).toBe(404);
      expect(response.body.detail).toMatch(/1 of the transcript's turns have no times/);
    }
    expect((await app.request('GET', `/api/public/stories/${untimed.slug}/transcript.txt`)).status).toBe(200);

    const program = await createProgram(app, admin);
    const art = await upload(app, admin, png(1400, 1400), { name: 'art.png', type: 'image/png' });
    await new Desk(app, admin).call('PUT', `/api/programs/${program.id}/podcast`, {
      artworkMediaId: art.body.id,
      subcategory: 'Daily News',
      version: 1,
      enabled: true,
      title: 'Timed',
      description: 'Timed show.',
      category: 'News',
      ownerName: 'Newsroom',
      ownerEmail: 'podcasts@radio.example',
      author: 'Radio',
    });
    const audio = async () => [{ assetId: await insertExternalAudio(app.db, { durationMs: 30_000, byteSize: 1000 }) }];
    const timedTurns = { turns: [{ ...Desk.turn(host.id, 'Hi.'), startMs: 0, endMs: 2000 }] };
    const timed = await desk.publish(
      await desk.story({ headline: word('Ep'), programId: program.id, audio: await audio(), transcript: timedTurns }),
    );
    const plain = await desk.publish(
      await desk.story({
        headline: word('Ep'),
        programId: program.id,
        audio: await audio(),
        transcript: { turns: [Desk.turn(host.id, 'Hi.')] },
      }),
    );
    const feed = await app.request('GET', `/api/public/programs/${program.slug}/podcast.rss`);
    expect(feed.status).toBe(200);
    const items = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(feed.text).rss.channel.item as Body[];
    const typesOf = (slug: string) => {
      const item = items.find((i) => JSON.stringify(i).includes(`/stories/${slug}/`));
      return [item['podcast:transcript']].flat().map((t: Body) => t['@type']);
    };
    expect(typesOf(timed.slug)).toEqual(['text/vtt', 'application/json', 'application/x-subrip', 'text/html', 'text/plain']);
    expect(typesOf(plain.slug)).toEqual(['text/html', 'text/plain']);
  });
});

describe('figures (printed, never asserted)', () => {
  it('parse+match of the 2-hour WhisperX JSON over HTTP; VTT export cold and cached', async () => {
    const file = whisperx(SHOW);
    const times: number[] = [];
    for (let i = 0; i < 12; i++) {
      const start = performance.now();
      expect((await parse(file, 'stt-json')).status).toBe(200);
      times.push(performance.now() - start);
    }
    const pct = (list: number[], p: number) => [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor(list.length * p))]!;
    const cold: number[] = [];
    const cached: number[] = [];
    for (let i = 0; i < 5; i++) {
      await desk.call('POST', '/api/tags', { name: word('Flush'), type: 'topic' }); // a staff write clears the public cache
      let start = performance.now();
      const first = await app.request('GET', `/api/public/stories/${story.slug}/transcript.vtt`);
      cold.push(performance.now() - start);
      expect(first.status).toBe(200);
      start = performance.now();
      expect((await app.request('GET', `/api/public/stories/${story.slug}/transcript.vtt`)).status).toBe(200);
      cached.push(performance.now() - start);
    }
    const vttBytes = (await app.request('GET', `/api/public/stories/${story.slug}/transcript.vtt`)).text.length;
    console.log(
      `[figure] 2-hour WhisperX JSON (${SHOW.length} segments, ${(file.length / 1024 / 1024).toFixed(2)} MiB, word timings): parse+match over HTTP p50 ${pct(times, 0.5).toFixed(1)} ms, p95 ${pct(times, 0.95).toFixed(1)} ms (12 runs)\n` +
        `[figure] transcript.vtt of that show (${(vttBytes / 1024).toFixed(0)} KiB): cold p50 ${pct(cold, 0.5).toFixed(1)} ms, cached p50 ${pct(cached, 0.5).toFixed(1)} ms (5 runs)`,
    );
  });
});
