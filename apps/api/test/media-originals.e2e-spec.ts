import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { startTestApp, type TestApp } from './support/app.js';
import { Desk, word } from './support/desk.js';
import { png, upload } from './support/images.js';
import { markedJpeg, renditionsIdle, renditionsSettled } from './support/renditions.js';
import { createProgram } from './support/schedule.js';

/**
 * Originals (`GET /api/media/{id}`, issue 21, docs/images.md "Originals"): public only while a live
 * output references them, or for everyone with MEDIA_PUBLIC_ORIGINALS=true; otherwise staff-only,
 * and 404 without a session (an unpublished image's existence does not leak).
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary response bodies
type Body = any;

const mediaDir = mkdtempSync(join(tmpdir(), 'newsdesk-originals-'));
let app: TestApp;
let admin: string;
let producer: string;
let desk: Desk;
beforeAll(async () => {
  app = await startTestApp({ MEDIA_DIR: mediaDir });
  admin = (await app.signIn(['admin'])).token;
  producer = (await app.signIn(['producer'])).token;
  desk = new Desk(app, admin);
});
afterAll(async () => {
  await renditionsIdle(app, 90_000);
  await app?.close();
  rmSync(mediaDir, { recursive: true, force: true });
}, 120_000);

let marker = 0;
async function photo(): Promise<Body> {
  const response = await upload(app, admin, await markedJpeg(400, 300, 50 + 10 * ++marker, 150), {
    name: 'photo.jpg',
    type: 'image/jpeg',
    fields: { alt: 'A photo', credit: 'Jane Doe/Newsdesk' },
  });
  expect(response.status).toBe(201);
  expect((await renditionsSettled(app, admin, response.body.id)).renditions.state).toBe('ready');
  return response.body;
}

/** Status and Cache-Control of an original, anonymously or with a token. */
async function get(id: string, token?: string): Promise<{ status: number; cache: string | null }> {
  const response = await fetch(`${app.url}/api/media/${id}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  await response.arrayBuffer();
  return { status: response.status, cache: response.headers.get('cache-control') };
}
const anonymous404 = { status: 404, cache: 'no-store' };
const staff200 = { status: 200, cache: 'private, no-store' };
const public200 = { status: 200, cache: 'public, max-age=3600' };

describe('originals', () => {
  it('answers 404 to anyone without a session for an unreferenced original (also with a bad token), 200 private to every staff role', async () => {
    const image = await photo();
    expect(await get(image.id)).toEqual(anonymous404);
    expect(await get(image.id, 'not-a-token')).toEqual(anonymous404);
    expect(await get(image.id, admin)).toEqual(staff200);
    expect(await get(image.id, producer)).toEqual(staff200);
    // The same answer as an id that names nothing.
    expect((await get('8d1f6e55-4a8b-4c7e-9d3c-1f2e3a4b5c6d')).status).toBe(404);
  });

  it("serves a live story's lead photo and body image publicly, only while it is live (draft, scheduled, unpublished: 404)", async () => {
    const lead = await photo();
    const inBody = await photo();
    const story = await desk.story({
      headline: word('Originals'),
      leadImageId: lead.id,
      body: { type: 'doc', content: [{ type: 'image', attrs: { src: `/api/media/${inBody.id}`, alt: 'A photo', credit: 'Jane Doe' } }] },
    });
    for (const id of [lead.id, inBody.id]) expect(await get(id)).toEqual(anonymous404);
    const scheduled = await desk.publish(story, new Date(Date.now() + 3_600_000).toISOString());
    for (const id of [lead.id, inBody.id]) expect(await get(id)).toEqual(anonymous404);
    const draft = await desk.transition(scheduled, 'unpublish');
    const live = await desk.publish(draft);
    for (const id of [lead.id, inBody.id]) expect(await get(id)).toEqual(public200);
    await desk.transition(live, 'unpublish');
    for (const id of [lead.id, inBody.id]) {
      expect(await get(id)).toEqual(anonymous404);
      expect(await get(id, admin)).toEqual(staff200);
    }
  });

  it("serves an enabled podcast's artwork publicly (the feed's itunes:image needs the original), not once it is disabled", async () => {
    const art = await upload(app, admin, png(1400, 1400), { name: 'art.png', type: 'image/png' });
    const program = await createProgram(app, admin);
    const saved = await desk.call('PUT', `/api/programs/${program.id}/podcast`, { version: 1, enabled: true, artworkMediaId: art.body.id });
    expect(await get(art.body.id)).toEqual(public200);
    await desk.call('PUT', `/api/programs/${program.id}/podcast`, { version: saved.version, enabled: false });
    expect(await get(art.body.id)).toEqual(anonymous404);
  });
});

describe('MEDIA_PUBLIC_ORIGINALS=true', () => {
  it('serves every original to anyone, cacheable forever', async () => {
    const open = await startTestApp({ MEDIA_DIR: mediaDir, MEDIA_PUBLIC_ORIGINALS: 'true', IMAGE_JOBS: '1' });
    try {
      const token = (await open.signIn(['editor'])).token;
      const image = await upload(open, token, png(20, 10), { name: 'open.png', type: 'image/png' });
      expect(image.status).toBe(201);
      const response = await fetch(`${open.url}/api/media/${image.body.id}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      await renditionsIdle(open, 60_000);
    } finally {
      await open.close();
    }
  }, 120_000);

  it('is false unless set to true; any other value stops the boot, naming it (as IMAGE_RENDITION_GRACE_DAYS out of range does)', () => {
    const base = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/newsdesk' };
    expect(loadConfig(base).MEDIA_PUBLIC_ORIGINALS).toBe(false);
    expect(loadConfig({ ...base, MEDIA_PUBLIC_ORIGINALS: 'true' }).MEDIA_PUBLIC_ORIGINALS).toBe(true);
    for (const value of ['yes', '1', 'TRUE'])
      expect(() => loadConfig({ ...base, MEDIA_PUBLIC_ORIGINALS: value })).toThrow(/MEDIA_PUBLIC_ORIGINALS/);
    expect(loadConfig(base).IMAGE_RENDITION_GRACE_DAYS).toBe(30);
    for (const value of ['0', '-1', '2.5', 'forever', '3651'])
      expect(() => loadConfig({ ...base, IMAGE_RENDITION_GRACE_DAYS: value })).toThrow(/IMAGE_RENDITION_GRACE_DAYS/);
  });
});
