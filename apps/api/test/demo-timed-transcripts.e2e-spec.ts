import { WebVTTParser } from 'webvtt-parser';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadDemoAudio } from '../src/database/demo-audio.js';
import { loadDemoNewsroom } from '../src/database/demo-newsroom.js';
import { loadDemoPeople } from '../src/database/demo-people.js';
import { loadDemoTimings, loadDemoTranscripts } from '../src/database/demo-transcripts.js';
import { createMediaStorage } from '../src/media/media-storage.js';
import { startTestApp, type TestApp } from './support/app.js';

/** The demo (`npm start`): the Moscow story, with its transcript and demo tone, is timed, so its transcript.vtt answers; its "(ph)" spelling is on the desk. */
let app: TestApp;
const mediaDir = mkdtempSync(path.join(tmpdir(), 'newsdesk-demo-timed-'));
beforeAll(async () => {
  app = await startTestApp({ MEDIA_DIR: mediaDir });
});
afterAll(async () => {
  await app?.close();
  rmSync(mediaDir, { recursive: true, force: true });
});

it('times the demo transcript against its primary audio, once; transcript.vtt answers and validates', async () => {
  await loadDemoNewsroom(app.db);
  await loadDemoPeople(app.db, createMediaStorage(app.config));
  expect(await loadDemoTranscripts(app.db)).toBe(true);
  expect(await loadDemoTimings(app.db)).toBe(false); // no audio yet
  await loadDemoAudio(app.db, createMediaStorage(app.config), app.config);
  expect(await loadDemoTimings(app.db)).toBe(true);
  expect(await loadDemoTimings(app.db)).toBe(false);

  const slug = 'kremlin-pitches-joint-fight-against-isis-to-trump';
  const story = (await app.request('GET', `/api/public/stories/${slug}`)).body;
  const turns = story.transcript.turns as Array<{ startMs: number; endMs: number }>;
  expect(turns.length).toBeGreaterThan(3);
  expect(
    turns.every((turn, i) => turn.endMs > turn.startMs && turn.endMs <= 4000 && (i === 0 || turn.startMs >= turns[i - 1]!.startMs)),
  ).toBe(true);
  const vtt = await app.request('GET', `/api/public/stories/${slug}/transcript.vtt`);
  expect(vtt.status).toBe(200);
  const tree = new WebVTTParser().parse(vtt.text, 'metadata');
  expect(tree.errors).toEqual([]);
  expect(vtt.text).toContain('<v LUCIAN KIM, BYLINE>');

  // The demo's "(ph)" spelling: an unverified span (its times kept it), printed "(ph)" in public, listed on the desk.
  const spoken = story.transcript.turns as Array<{ text?: string }>;
  expect(spoken.some((turn) => turn.text?.includes('spokeswoman, Aigerim Nurlanova (ph), called them'))).toBe(true);
  expect(vtt.text).toContain('Aigerim Nurlanova (ph)');
  const editor = (await app.signIn(['editor'])).token;
  const desk = (await app.request('GET', '/api/transcripts/spellings', { token: editor })).body;
  const item = desk.items.find((entry: { headline: string }) => entry.headline === story.headline);
  expect(item.spellings).toEqual([expect.objectContaining({ spelling: 'Aigerim Nurlanova', label: 'KIM' })]);
}, 120_000);
