import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/database/data-source.js';
import { ImageRenditionsRepository } from '../src/media/image-renditions.repository.js';
import { createMediaStorage } from '../src/media/media-storage.js';
import { RenditionCleanup } from '../src/media/rendition-cleanup.js';
import { startTestApp, type TestApp } from './support/app.js';
import { upload } from './support/images.js';
import { markedJpeg, renditionsIdle, renditionsSettled } from './support/renditions.js';

/**
 * Rendition cleanup (issue 21, docs/images.md "Rendition cleanup"), with real files on disk: a
 * rendition no live output references (no kept plan, no stored body or bio) and unreferenced for
 * longer than IMAGE_RENDITION_GRACE_DAYS loses its row, its file and its URL; one a published body
 * still names is kept, whatever crop the image has now; two cleaners at once delete each key once.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary response bodies
type Body = any;

const mediaDir = mkdtempSync(join(tmpdir(), 'newsdesk-rendition-cleanup-'));
let app: TestApp;
let editor: string;
beforeAll(async () => {
  app = await startTestApp({ MEDIA_DIR: mediaDir, IMAGE_JOBS: '2' });
  editor = (await app.signIn(['editor'])).token;
});
afterAll(async () => {
  await renditionsIdle(app, 90_000);
  await app?.close();
  rmSync(mediaDir, { recursive: true, force: true });
}, 120_000);

const fileOf = (key: string) => join(mediaDir, key.slice(0, 2), key.slice(2, 4), key);
const keysOf = (record: Body): string[] => record.renditions.items.map((r: { url: string }) => /([0-9a-f]{64})/.exec(r.url)![1]);
const urlOf = (record: Body, key: string): string => record.renditions.items.find((r: { url: string }) => r.url.includes(key)).url;
const cleanup = () => app.nest.get(RenditionCleanup).run();
/** Everything made so far was made, and last seen referenced, `days` days ago. */
const age = (days: number) =>
  app.db.query(
    `UPDATE image_renditions SET created_at = now() - make_interval(days => $1),
            last_referenced_at = CASE WHEN last_referenced_at IS NULL THEN NULL ELSE now() - make_interval(days => $1) END`,
    [days],
  );

let counter = 0;
async function photo(): Promise<Body> {
  const response = await upload(app, editor, await markedJpeg(700, 500, 200 + 20 * ++counter, 250), {
    name: 'photo.jpg',
    type: 'image/jpeg',
    fields: { alt: 'A photo', credit: 'Jane Doe/Newsdesk' },
  });
  expect(response.status).toBe(201);
  return ready(response.body.id);
}
async function ready(id: string): Promise<Body> {
  const record = await renditionsSettled(app, editor, id);
  expect(record.renditions.state).toBe('ready');
  return record;
}
/** Moves the focal point to (at, at): every crop moves (a landscape image's wide crops move vertically only). */
async function focus(record: Body, at: number): Promise<Body> {
  const changed = await app.request('PATCH', `/api/media/${record.id}`, {
    token: editor,
    body: { version: record.version, focalX: at, focalY: at },
  });
  expect(changed.status).toBe(200);
  return ready(record.id);
}
async function answers(record: Body, key: string): Promise<number> {
  return (await app.request('GET', urlOf(record, key))).status;
}

describe('rendition cleanup', () => {
  it('deletes an old crop no output references (row, file, URL 404) and keeps the crop a published body names, the current and last ready plans, and anything within the grace period', async () => {
    const image = await photo();
    const first = keysOf(image);
    // A published story whose body was rendered with the first crop.
    const story = await app.request('POST', '/api/stories', {
      token: editor,
      body: {
        headline: `Cleanup ${Date.now()}`,
        bylineIds: [app.bylineId],
        body: {
          type: 'doc',
          content: [{ type: 'image', attrs: { src: `/api/media/${image.id}`, alt: 'A photo', credit: 'Jane Doe/Newsdesk' } }],
        },
      },
    });
    expect(story.status).toBe(201);
    expect((await app.request('POST', `/api/stories/${story.body.id}/publish`, { token: editor, body: { version: 1 } })).status).toBe(200);
    const inBody = first.filter((key) => story.body.bodyHtml.includes(key));
    expect(inBody.length).toBeGreaterThan(5);
    // Two focal point changes: the second crop is referenced by nothing once the third is current and ready.
    const second = await focus(image, 0.1);
    const third = await focus(second, 0.9);
    // The first crop's files the body does not name (other aspects, and the sizes it does not list) are unreferenced too.
    const kept = new Set([...inBody, ...keysOf(third)]);
    const orphans = [...new Set([...first, ...keysOf(second)])].filter((key) => !kept.has(key));
    expect(orphans.length).toBeGreaterThan(5);
    for (const key of orphans) expect(existsSync(fileOf(key))).toBe(true);
    const other = await photo(); // an image nothing uses: its current plan is kept
    // Within the grace period (made now): nothing is deleted.
    expect((await cleanup()).deleted).toEqual([]);

    await age(31);
    const run = await cleanup();
    expect(run.skipped).toBe(false);
    expect(new Set(run.deleted)).toEqual(new Set(orphans));
    for (const key of orphans) {
      expect(existsSync(fileOf(key))).toBe(false);
      expect(await answers(first.includes(key) ? image : second, key)).toBe(404);
    }
    // Kept: the first crop (the published body's URLs, the original aspect shared by every crop), the current crop, the unused image's.
    for (const key of inBody)
      expect({ key, status: await answers(image, key), file: existsSync(fileOf(key)) }).toEqual({ key, status: 200, file: true });
    for (const key of keysOf(third)) expect(existsSync(fileOf(key))).toBe(true);
    for (const key of keysOf(other)) expect(existsSync(fileOf(key))).toBe(true);
    const published = await app.request('GET', `/api/public/stories/${story.body.slug}`);
    for (const key of inBody) expect(published.text).toContain(key);

    // The grace period counts from when a rendition was last seen referenced: the third crop,
    // superseded now, was marked by the run above and survives the next one; 31 days later it goes.
    // Back to the first focal point (the default, 0.5): the same keys as the first crop, whose
    // unreferenced files the run above deleted — rendered again, not taken for ready.
    const fourth = await focus(third, 0.5);
    expect(new Set(keysOf(fourth))).toEqual(new Set(first));
    for (const key of first) expect({ key, status: await answers(fourth, key) }).toEqual({ key, status: 200 });
    const superseded = keysOf(third).filter((key) => !new Set([...inBody, ...keysOf(fourth)]).has(key));
    expect(superseded.length).toBeGreaterThan(5);
    await app.db.query(`UPDATE image_renditions SET created_at = now() - interval '31 days'`);
    expect((await cleanup()).deleted).toEqual([]);
    await age(31);
    expect(new Set((await cleanup()).deleted)).toEqual(new Set(superseded));
    for (const key of superseded) expect(existsSync(fileOf(key))).toBe(false);
    for (const key of [...inBody, ...keysOf(fourth)]) expect(existsSync(fileOf(key))).toBe(true);
  }, 240_000);

  it('deletes each key once when two processes clean up at the same time (own connections, own storage), with no error', async () => {
    const image = await photo();
    const superseded = await focus(image, 0.2);
    const current = await focus(superseded, 0.8);
    const orphans = [...new Set([...keysOf(image), ...keysOf(superseded)])].filter((key) => !new Set(keysOf(current)).has(key));
    expect(orphans.length).toBeGreaterThan(5);
    await age(40);
    // A second process: its own pool and storage over the same database and directory.
    const db = await openDatabase(app.config.DATABASE_URL, 3);
    try {
      const second = new RenditionCleanup(new ImageRenditionsRepository(db), createMediaStorage(app.config), app.config);
      const first = app.nest.get(RenditionCleanup);
      const runs = await Promise.all([first.run(), second.run(), first.run(), second.run()]);
      const deleted = runs.flatMap((run) => run.deleted);
      expect(deleted.length).toBe(new Set(deleted).size);
      expect(new Set(deleted)).toEqual(new Set(orphans));
      for (const key of orphans) expect(existsSync(fileOf(key))).toBe(false);
      for (const key of keysOf(current)) expect(existsSync(fileOf(key))).toBe(true);
      const rows: Array<{ n: number }> = await app.db.query(`SELECT count(*)::int AS n FROM image_renditions WHERE key = ANY($1::text[])`, [
        orphans,
      ]);
      expect(rows[0]!.n).toBe(0);
    } finally {
      await db.destroy();
    }
  }, 240_000);
});
