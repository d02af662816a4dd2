import { performance } from 'node:perf_hooks';
import { ParseTranscriptResponseSchema, renderTranscriptText, type TranscriptPerson, type TranscriptTurnWrite } from '@newsdesk/contracts';
import { startTestApp, type TestApp } from './support/app.js';

/**
 * A 2-hour show (600 spoken turns, ~20,000 words, a cue every 25 turns) over HTTP: how long
 * `POST /api/transcripts/parse` takes end to end (JSON in, registry lookup, resolve, JSON out),
 * then saving it with the story and reading it back publicly, exactly. Prints the times and asserts
 * none (a timed assertion is flaky by nature): the contracts' bench script measures the parser
 * alone against its 50 ms budget.
 */
let app: TestApp;
let editor: string;
beforeAll(async () => {
  app = await startTestApp({ OUTBOX_WORKER: 'false', PUBLIC_CACHE_SECONDS: '0' });
  editor = (await app.signIn(['editor'])).token;
});
afterAll(async () => {
  await app?.close();
});

// Deterministic pseudo-random numbers (mulberry32).
let seed = 20170123;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const VOCABULARY = (
  'the a and of to in that it is was for on with as at by from this but not they we you he she said Moscow Kremlin Washington ' +
  'coalition talks minister ministry defense bombers targets Syria Aleppo report officials "quote" — - U.S. NATO 2017 morning evening ' +
  'listeners station program interview question answer policy election economy weather traffic music'
).split(' ');
const NAMES: Array<[string, string, string | null]> = [
  ['Steve', 'Inskeep', 'HOST'],
  ['Rachel', 'Martin', 'HOST'],
  ['Lucian', 'Kim', 'BYLINE'],
  ['Mary', 'Drob', 'BYLINE'],
  ['Viktor', 'Drob', null],
  ['Sergey', 'Lavrov', null],
  ['Amara', 'Okafor', null],
  ['Raj', 'Mehta', null],
  ['Élodie', 'Núñez', null],
  ['Ines', 'Park', null],
  ['Omar', 'Haddad', null],
  ['Yuki', 'Sato', null],
];

const stats = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return `min ${sorted[0]!.toFixed(1)} ms, median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms`;
};

it('parses a 2-hour show over HTTP, saves it with the story and serves it publicly', async () => {
  const people: Array<TranscriptPerson & { role: string | null }> = [];
  for (const [given, family, role] of NAMES) {
    const created = (await app.request('POST', '/api/people', { token: editor, body: { displayName: `${given} ${family}` } })).body;
    people.push({ ...created, aliases: [], role });
  }
  const turns: TranscriptTurnWrite[] = [];
  const introduced = new Set<string>();
  let words = 0;
  for (let i = 0; i < 600; i++) {
    if (i % 25 === 0) turns.push({ cue: pick(['SOUNDBITE OF MUSIC', 'CROSSTALK', 'SOUNDBITE OF ARCHIVED RECORDING']) });
    const count = Math.max(3, Math.round((20_000 / 600) * (0.3 + random() * 1.4)));
    words += count;
    const sentence = ['And', ...Array.from({ length: count - 1 }, () => pick(VOCABULARY))].join(' ');
    const cut = random() < 0.33 ? sentence.indexOf(' ', sentence.length / 2) : -1;
    const text = `${cut > 0 ? `${sentence.slice(0, cut)}.\n\nAnd${sentence.slice(cut)}` : sentence}.`;
    if (random() < 0.05) {
      turns.push({ personId: null, unidentified: { descriptor: pick(['MAN', 'WOMAN']), number: 1 + Math.floor(random() * 2) }, text });
      continue;
    }
    const speaker = pick(people);
    turns.push({
      personId: speaker.id,
      role: introduced.has(speaker.id) ? null : speaker.role,
      annotation: random() < 0.03 ? 'Through interpreter' : null,
      text,
    });
    introduced.add(speaker.id);
  }
  const show = renderTranscriptText(turns, people, 'Transcript provided by NPR, Copyright NPR.');
  expect(words).toBeGreaterThan(19_000);

  const samples: number[] = [];
  let parsed = null as ReturnType<typeof ParseTranscriptResponseSchema.parse> | null;
  for (let run = 0; run < 25; run++) {
    const start = performance.now();
    const response = await app.request('POST', '/api/transcripts/parse', { token: editor, body: { text: show } });
    samples.push(performance.now() - start);
    expect(response.status).toBe(200);
    parsed = ParseTranscriptResponseSchema.parse(response.body);
  }
  expect(parsed!.unresolved).toEqual([]);
  expect(parsed!.turns.filter((turn) => !('cue' in turn))).toHaveLength(600);
  expect(parsed!.credit).toBe('Transcript provided by NPR, Copyright NPR.');

  const story = (
    await app.request('POST', '/api/stories', {
      token: editor,
      body: { headline: 'Two hours of Morning Edition', bylineIds: [app.bylineId] },
    })
  ).body;
  const saveStart = performance.now();
  const saved = await app.request('PATCH', `/api/stories/${story.id}`, {
    token: editor,
    body: { version: 1, transcript: { turns: parsed!.turns }, credit: parsed!.credit },
  });
  const saveMs = performance.now() - saveStart;
  expect(saved.status).toBe(200);
  await app.request('POST', `/api/stories/${story.id}/publish`, { token: editor, body: { version: 2 } });
  const reads: number[] = [];
  for (let run = 0; run < 10; run++) {
    const start = performance.now();
    const response = await app.request('GET', `/api/public/stories/${story.slug}`); // uncached: PUBLIC_CACHE_SECONDS=0
    reads.push(performance.now() - start);
    expect(response.body.transcript.turns).toHaveLength(624);
  }
  const txt = await app.request('GET', `/api/public/stories/${story.slug}/transcript.txt`);
  expect(txt.text).toBe(show);

  console.log(
    `2-hour show: ${show.length.toLocaleString('en-US')} characters, ~${words.toLocaleString('en-US')} words, 600 turns + 24 cues\n` +
      `  POST /api/transcripts/parse (HTTP, end to end) x25: ${stats(samples)}\n` +
      `  PATCH the story with the 624 turns (validate, render, store rows, revision): ${saveMs.toFixed(1)} ms\n` +
      `  GET the public story with its 624 turns (uncached) x10: ${stats(reads)}`,
  );
}, 120_000);
