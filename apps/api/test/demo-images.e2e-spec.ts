import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_SCENES, loadDemoImages } from '../src/database/demo-images.js';
import { loadDemoNewsroom } from '../src/database/demo-newsroom.js';
import { loadDemoPeople } from '../src/database/demo-people.js';
import { ImageRenditionsService } from '../src/media/image-renditions.service.js';
import { createMediaStorage } from '../src/media/media-storage.js';
import { startTestApp, type TestApp } from './support/app.js';
import { renditionsSettled, renditionsIdle } from './support/renditions.js';

let app: TestApp;
const mediaDir = mkdtempSync(path.join(tmpdir(), 'newsdesk-demo-images-'));
beforeAll(async () => {
  app = await startTestApp({ MEDIA_DIR: mediaDir });
});
afterAll(async () => {
  // The other demo photos (the profiles') are rendered too: let the worker finish before the app stops.
  await renditionsIdle(app, 60_000);
  await app?.close();
  rmSync(mediaDir, { recursive: true, force: true });
}, 120_000);

// Two 5- to 6-megapixel photos rendered on a shared 2-core machine: minutes are allowed, seconds expected.
it('loads the demo photos once into their stories; the sweep renders them and the public bodies picture them', async () => {
  await loadDemoNewsroom(app.db);
  await loadDemoPeople(app.db, createMediaStorage(app.config));
  expect(await loadDemoImages(app.db, createMediaStorage(app.config))).toBe(true);
  expect(await loadDemoImages(app.db, createMediaStorage(app.config))).toBe(false);
  // What `npm start` does when the worker starts: plan the records that have no plan, and render them.
  await app.nest.get(ImageRenditionsService).sweep();
  const editor = (await app.signIn(['editor'])).token;
  for (const scene of DEMO_SCENES) {
    const [row] = (await app.db.query(`SELECT id FROM media WHERE original_name = $1`, [scene.name])) as Array<{ id: string }>;
    const media = await renditionsSettled(app, editor, row!.id);
    expect(media).toMatchObject({ width: scene.width, height: scene.height, focalX: scene.focal.x, focalY: scene.focal.y });
    expect(media.renditions.state).toBe('ready');
    const story = await app.request('GET', `/api/public/stories/${scene.story}`);
    expect(story.status).toBe(200);
    const html: string = story.body.bodyHtml;
    expect(html).toContain('<picture><source type="image/avif"');
    expect(html).toContain(`<figcaption>${scene.credit}</figcaption>`);
    // The same photo leads the story: its caption, credit, focal point and renditions per aspect.
    expect(story.body.image).toMatchObject({
      alt: scene.alt,
      credit: scene.credit,
      caption: scene.caption,
      width: scene.width,
      height: scene.height,
      focal: { x: scene.focal.x, y: scene.focal.y },
    });
    expect(Object.keys(story.body.image.srcset).sort()).toEqual(['original', 'social', 'square', 'standard', 'wide']);
    // Every URL in the body is one of the renditions made, and answers.
    const urls = [...html.matchAll(/\/api\/public\/images\/[0-9a-f]{64}\.(?:avif|webp|jpg)/g)].map((m) => m[0]);
    expect(urls.length).toBeGreaterThan(5);
    const made = new Set((media.renditions.items as Array<{ url: string }>).map((item) => item.url));
    for (const url of new Set(urls)) {
      expect(made.has(url)).toBe(true);
      expect((await fetch(`${app.url}${url}`)).status).toBe(200);
    }
  }
}, 180_000);
