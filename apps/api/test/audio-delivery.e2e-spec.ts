import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTestApp, type TestApp } from './support/app.js';
import { settled, storyWithAudio, tone, uploadAudio } from './support/audio.js';

/** Public audio URLs: who may get the bytes (live story, rights, window) and how (Range, ETag, caching). */
let app: TestApp;
let editor: string;
const mediaDir = mkdtempSync(path.join(tmpdir(), 'newsdesk-audio-delivery-'));
const fixtures = mkdtempSync(path.join(tmpdir(), 'newsdesk-audio-delivery-fixtures-'));
let mp3: Buffer;
let mp3Id: string;
let url: string;

beforeAll(async () => {
  app = await startTestApp({ MEDIA_DIR: mediaDir });
  editor = (await app.signIn(['editor'])).token;
  mp3 = await readFile(await tone(fixtures, 'mp3', { seconds: 5, frequency: 440 }));
  const uploaded = await uploadAudio(app, editor, mp3, { name: 'listen.mp3' });
  expect(uploaded.status).toBe(201);
  mp3Id = uploaded.body.id;
  await storyWithAudio(app, mp3Id, { status: 'published', publishedAt: new Date(Date.now() - 60_000) });
  url = `${app.url}/api/public/audio/${mp3Id}/original.mp3`;
});
afterAll(async () => {
  await app?.close();
  rmSync(mediaDir, { recursive: true, force: true });
  rmSync(fixtures, { recursive: true, force: true });
});

const get = (target: string, headers: Record<string, string> = {}, method = 'GET') =>
  fetch(target, { method, headers, redirect: 'manual' });
const bytesOf = async (response: Response) => Buffer.from(await response.arrayBuffer());

/** A fresh uploaded MP3 on a story in the given state; returns its public URL. */
let tones = 0;
async function assetOn(state: Parameters<typeof storyWithAudio>[2], frequency: number): Promise<{ id: string; url: string }> {
  // Each asset different bytes (the same bytes would be the same asset).
  const uploaded = await uploadAudio(app, editor, await tone(fixtures, 'mp3', { seconds: 1, frequency: frequency + ++tones * 7 }));
  expect(uploaded.status).toBe(201);
  await storyWithAudio(app, uploaded.body.id, state);
  return { id: uploaded.body.id, url: `${app.url}/api/public/audio/${uploaded.body.id}/original.mp3` };
}

describe('the public audio URL', () => {
  it('names the stories that use an asset (usedBy)', async () => {
    const asset = await app.request('GET', `/api/audio/${mp3Id}`, { token: editor });
    expect(asset.body.usedBy).toEqual([{ id: expect.any(String), headline: expect.stringMatching(/^Audio story /), status: 'published' }]);
  });

  it('serves the whole file with its length, type, ETag and long cache', async () => {
    const response = await get(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('audio/mpeg');
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(response.headers.get('content-length')).toBe(String(mp3.length));
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const etag = response.headers.get('etag');
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    expect((await bytesOf(response)).equals(mp3)).toBe(true);
    const again = await get(url, { 'if-none-match': etag! });
    expect(again.status).toBe(304);
    const head = await get(url, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(mp3.length));
    expect((await bytesOf(head)).length).toBe(0);
  });

  it.each([
    ['the first byte', 'bytes=0-0', 0, 0],
    ['a middle range', 'bytes=1000-1999', 1000, 1999],
    ['the last 500 bytes (suffix)', 'bytes=-500', -500, -1],
    ['an open-ended range', 'bytes=100-', 100, -1],
    ['a range past the end (clamped)', 'bytes=10-99999999', 10, -1],
  ])('answers %s with 206 and Content-Range', async (_, range, from, to) => {
    const size = mp3.length;
    const start = from < 0 ? size + from : from;
    const end = to < 0 ? size + to : to;
    const response = await get(url, { range });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes ${start}-${end}/${size}`);
    expect(response.headers.get('content-length')).toBe(String(end - start + 1));
    expect((await bytesOf(response)).equals(mp3.subarray(start, end + 1))).toBe(true);
  });

  it.each([
    ['a start past the end', () => `bytes=${mp3.length}-`],
    ['an end before the start', () => 'bytes=500-100'],
    ['garbage', () => 'bytes=abc'],
    ['another unit', () => 'items=0-1'],
    ['several ranges', () => 'bytes=0-1,5-6'],
    ['an empty suffix', () => 'bytes=-0'],
  ])('refuses %s with 416 and Content-Range: bytes */size', async (_, range) => {
    const response = await get(url, { range: range() });
    expect(response.status).toBe(416);
    expect(response.headers.get('content-range')).toBe(`bytes */${mp3.length}`);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('answers 404 for unknown files, wrong extensions, renditions that do not exist, bad ids and queries', async () => {
    for (const file of ['original.wav', 'original', 'mp3-128.mp3', 'master.mp3', '..%2F..%2Fetc.mp3'])
      expect({ file, status: (await get(`${app.url}/api/public/audio/${mp3Id}/${file}`)).status }).toEqual({ file, status: 404 });
    expect((await get(`${app.url}/api/public/audio/00000000-0000-4000-8000-000000000000/original.mp3`)).status).toBe(404);
    expect((await get(`${app.url}/api/public/audio/not-an-id/original.mp3`)).status).toBe(404);
    expect((await get(`${url}?download=1`)).status).toBe(400);
  });

  it('serves an encoded MP3 of a WAV master once it is ready', async () => {
    const wav = await uploadAudio(app, editor, await tone(fixtures, 'wav', { seconds: 2, frequency: 600 }));
    await storyWithAudio(app, wav.body.id, { status: 'published', publishedAt: new Date(Date.now() - 1000) });
    const asset = await settled(app, editor, wav.body.id);
    const mp3128 = asset.renditions.find((r: { profile: string }) => r.profile === 'mp3-128');
    expect(mp3128.status).toBe('ready');
    const response = await get(`${app.url}/api/public/audio/${wav.body.id}/mp3-128.mp3`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('audio/mpeg');
    expect(Number(response.headers.get('content-length'))).toBe(mp3128.byteSize);
    expect((await get(`${app.url}/api/public/audio/${wav.body.id}/original.wav`)).status).toBe(200);
  });

  it('answers 404 for an external asset (its URL is elsewhere)', async () => {
    const external = await app.request('POST', '/api/audio/external', {
      token: editor,
      body: { url: 'https://cdn.example.org/a.mp3', contentType: 'audio/mpeg', durationSeconds: 60 },
    });
    await storyWithAudio(app, external.body.id, { status: 'published', publishedAt: new Date(Date.now() - 1000) });
    expect((await get(`${app.url}/api/public/audio/${external.body.id}/original.mp3`)).status).toBe(404);
  });
});

describe('only audio of a live story is public', () => {
  it.each([
    ['a draft', { status: 'draft', publishedAt: null }, 404],
    ['scheduled in the future', { status: 'scheduled', publishedAt: new Date(Date.now() + 86_400_000) }, 404],
    ['unpublished', { status: 'unpublished', publishedAt: new Date(Date.now() - 86_400_000) }, 404],
    ['scheduled, its time come (live)', { status: 'scheduled', publishedAt: new Date(Date.now() - 1000) }, 200],
    ['published', { status: 'published', publishedAt: new Date(Date.now() - 1000) }, 200],
  ] as const)('on %s story', async (_, state, status) => {
    const { url: target } = await assetOn(state, 700 + status);
    expect((await get(target)).status).toBe(status);
  });

  it('is not public while its asset is only in the library (no story)', async () => {
    const uploaded = await uploadAudio(app, editor, await tone(fixtures, 'mp3', { seconds: 1, frequency: 1234 }));
    expect((await get(`${app.url}/api/public/audio/${uploaded.body.id}/original.mp3`)).status).toBe(404);
  });

  it('stops being public the moment its story is unpublished', async () => {
    const { url: target } = await assetOn({ status: 'published', publishedAt: new Date(Date.now() - 1000) }, 1300);
    expect((await get(target)).status).toBe(200);
    await app.db.query(`UPDATE stories SET status = 'unpublished' WHERE id IN (SELECT story_id FROM story_audio WHERE asset_id = $1)`, [
      target.split('/').at(-2),
    ]);
    expect((await get(target)).status).toBe(404);
  });
});

describe('rights and the availability window', () => {
  const live = { status: 'published', publishedAt: new Date(Date.now() - 60_000) } as const;
  const setWindow = (id: string, sql: string) => app.db.query(`UPDATE audio_assets SET ${sql} WHERE id = $1`, [id]);

  it('is 404 when not streamable (staff can still play it)', async () => {
    const { id, url: target } = await assetOn(live, 1400);
    await setWindow(id, 'streamable = false');
    expect((await get(target)).status).toBe(404);
    const play = await get(`${app.url}/api/audio/${id}/play`, { authorization: `Bearer ${editor}`, range: 'bytes=0-9' });
    expect(play.status).toBe(206);
    expect(play.headers.get('cache-control')).toContain('private');
  });

  it('is 404 before availableFrom and 410 from availableUntil on, through the API too', async () => {
    const { id, url: target } = await assetOn(live, 1500);
    const future = await app.request('PATCH', `/api/audio/${id}`, {
      token: editor,
      body: { version: 1, availableFrom: new Date(Date.now() + 86_400_000).toISOString() },
    });
    expect(future.status).toBe(200);
    expect((await get(target)).status).toBe(404);
    const ended = await app.request('PATCH', `/api/audio/${id}`, {
      token: editor,
      body: {
        version: 2,
        availableFrom: new Date(Date.now() - 86_400_000 * 2).toISOString(),
        availableUntil: new Date(Date.now() - 86_400_000).toISOString(),
      },
    });
    expect(ended.status).toBe(200);
    const gone = await get(target);
    expect(gone.status).toBe(410);
    expect(gone.headers.get('content-type')).toContain('application/problem+json');
  });

  it('opens at availableFrom and closes at availableUntil, to the second, without waiting for a timer', async () => {
    const { id, url: target } = await assetOn(live, 1600);
    // The window [T, T + 2 s), with T two seconds ahead (set by the database's clock, as the rule reads it).
    await app.db.query(
      `UPDATE audio_assets SET available_from = date_trunc('second', now()) + interval '2 seconds',
              available_until = date_trunc('second', now()) + interval '4 seconds' WHERE id = $1`,
      [id],
    );
    const [row]: Array<{ t: Date }> = await app.db.query(`SELECT available_from AS t FROM audio_assets WHERE id = $1`, [id]);
    const t = row!.t;
    const wait = async (until: number) => {
      while (Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 25));
    };
    expect((await get(target)).status).toBe(404);
    await wait(t.getTime() + 50);
    const open = await get(target);
    expect(open.status).toBe(200);
    // Cached no longer than the window lasts.
    const maxAge = Number(/max-age=(\d+)/.exec(open.headers.get('cache-control') ?? '')?.[1]);
    expect(maxAge).toBeLessThanOrEqual(2);
    expect(open.headers.get('cache-control')).not.toContain('immutable');
    await wait(t.getTime() + 2000 + 50);
    expect((await get(target)).status).toBe(410);
    // The boundary itself: available_until = now() is already closed, available_from = now() already open.
    await setWindow(id, `available_from = NULL, available_until = now()`);
    expect((await get(target)).status).toBe(410);
  });
});
