import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { IMAGE_ASPECTS, MediaSchema, PublicStorySchema } from '@newsdesk/contracts';
import { startTestApp, type TestApp } from './support/app.js';
import { upload } from './support/images.js';
import { halvesJpeg, markedJpeg, renditionsIdle, renditionsSettled } from './support/renditions.js';

/**
 * A story's lead photo (issue 21, docs/images.md): `leadImageId` through the versioned, audited
 * write path; publication needs its alt text, credit and ready renditions; the public story JSON
 * gives it as `image` (the same serializer as a correspondent's photo: renditions, srcset per
 * aspect, caption), and never a not-publishable image or a staff-only field.
 */
let app: TestApp;
let editor: string;
let admin: string;
const mediaDir = mkdtempSync(path.join(tmpdir(), 'newsdesk-lead-image-test-'));
beforeAll(async () => {
  app = await startTestApp({ MEDIA_DIR: mediaDir, IMAGE_JOBS: '2' });
  editor = (await app.signIn(['editor'])).token;
  admin = (await app.signIn(['admin'])).token;
});
afterAll(async () => {
  await renditionsIdle(app, 90_000);
  await app?.close();
  rmSync(mediaDir, { recursive: true, force: true });
}, 120_000);

async function uploaded(
  bytes: Buffer,
  name: string,
  fields: Record<string, string> = { alt: 'A lead photo', credit: 'Jane Doe/Newsdesk' },
) {
  const response = await upload(app, editor, bytes, { name, type: 'image/jpeg', fields });
  expect(response.status).toBe(201);
  return MediaSchema.parse(response.body);
}

const story = (fields: Record<string, unknown>) =>
  app.request('POST', '/api/stories', { token: editor, body: { headline: `Lead ${Math.random()}`, bylineIds: [app.bylineId], ...fields } });

describe('lead image', () => {
  it('refuses bad values naming leadImageId (400, never 5xx), on create and update', async () => {
    for (const value of ['x', 12, { id: 'x' }, '00000000-0000-4000-8000-000000000000']) {
      const created = await story({ leadImageId: value });
      expect(created.status).toBe(400);
      expect(created.body.errors.map((e: { field: string }) => e.field)).toEqual(['leadImageId']);
    }
    const plain = await story({});
    expect(plain.status).toBe(201);
    expect(plain.body.leadImageId).toBeNull();
    for (const value of ['not-a-uuid', '00000000-0000-4000-8000-000000000000']) {
      const updated = await app.request('PATCH', `/api/stories/${plain.body.id}`, {
        token: editor,
        body: { version: 1, leadImageId: value },
      });
      expect(updated.status).toBe(400);
      expect(updated.body.errors.map((e: { field: string }) => e.field)).toEqual(['leadImageId']);
    }
  });

  it('publishes only with alt text, credit and ready renditions; the public JSON gives the image with renditions, srcset, caption, and nothing staff-only', async () => {
    // A photo without a credit, and one whose renditions fail (a truncated JPEG): both refused at publication, naming leadImageId.
    const uncredited = await uploaded(await markedJpeg(1600, 1000, 400, 300), 'uncredited.jpg', { alt: 'No credit yet' });
    const truncated = await markedJpeg(1200, 900, 600, 450);
    const broken = await uploaded(truncated.subarray(0, truncated.length / 2), 'broken.jpg');
    expect((await renditionsSettled(app, editor, broken.id)).renditions.state).toBe('failed');
    const draft = await story({ leadImageId: uncredited.id });
    expect(draft.status).toBe(201);
    expect(draft.body.leadImageId).toBe(uncredited.id);
    const refused = await app.request('POST', `/api/stories/${draft.body.id}/publish`, { token: editor, body: { version: 1 } });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ field: 'leadImageId', message: expect.stringContaining('a credit') }]);
    const toBroken = await app.request('PATCH', `/api/stories/${draft.body.id}`, {
      token: editor,
      body: { version: 1, leadImageId: broken.id },
    });
    expect(toBroken.status).toBe(200);
    const refusedBroken = await app.request('POST', `/api/stories/${draft.body.id}/publish`, { token: editor, body: { version: 2 } });
    expect(refusedBroken.status).toBe(400);
    expect(refusedBroken.body.errors).toEqual([{ field: 'leadImageId', message: expect.stringContaining('renditions failed') }]);

    // A good photo with a caption (focal point on its marker): publishable.
    const good = await uploaded(await markedJpeg(2400, 1600, 1800, 500), 'lead.jpg');
    const captioned = await app.request('PATCH', `/api/media/${good.id}`, {
      token: editor,
      body: { version: 1, caption: '  The square at dawn.  ', focalX: 0.75, focalY: 0.3125 },
    });
    expect(captioned.status).toBe(200);
    expect(captioned.body.caption).toBe('The square at dawn.');
    const ready = MediaSchema.parse(await renditionsSettled(app, editor, good.id));
    expect(ready.renditions.state).toBe('ready');
    const set = await app.request('PATCH', `/api/stories/${draft.body.id}`, { token: editor, body: { version: 2, leadImageId: good.id } });
    expect(set.status).toBe(200);
    const published = await app.request('POST', `/api/stories/${draft.body.id}/publish`, { token: editor, body: { version: 3 } });
    expect(published.status).toBe(200);

    const response = await app.request('GET', `/api/public/stories/${draft.body.slug}`);
    expect(response.status).toBe(200);
    const image = PublicStorySchema.parse(response.body).image!;
    expect(Object.keys(response.body.image).sort()).toEqual(
      ['alt', 'caption', 'credit', 'focal', 'height', 'renditions', 'srcset', 'url', 'width'].sort(),
    );
    expect(image).toMatchObject({
      alt: 'A lead photo',
      credit: 'Jane Doe/Newsdesk',
      caption: 'The square at dawn.',
      width: 2400,
      height: 1600,
      focal: { x: 0.75, y: 0.3125 },
    });
    expect(image.renditions.map((r) => r.url)).toEqual(ready.renditions.items.map((i) => i.url));
    expect(Object.keys(image.srcset).sort()).toEqual([...IMAGE_ASPECTS].sort());
    expect(image.srcset.wide).toMatchObject({ sizes: expect.any(String), jpeg: expect.stringContaining('/api/public/images/') });
    for (const rendition of image.renditions.filter((r) => r.aspect === 'wide')) {
      const file = await fetch(`${app.url}${rendition.url}`);
      await file.arrayBuffer();
      expect(file.status).toBe(200);
    }
    // Staff-only fields of the record never show.
    const text = response.text;
    for (const secret of [ready.sha256, 'lead.jpg', 'originalName', 'byteSize', 'state']) expect(text).not.toContain(secret);

    // On the live story: a not-publishable image is refused (400 leadImageId); the photo keeps its alt text and credit.
    const live = await app.request('PATCH', `/api/stories/${draft.body.id}`, {
      token: editor,
      body: { version: 4, leadImageId: broken.id },
    });
    expect(live.status).toBe(400);
    expect(live.body.errors.map((e: { field: string }) => e.field)).toEqual(['leadImageId']);
    const unalt = await app.request('PATCH', `/api/media/${good.id}`, {
      token: editor,
      body: { version: captioned.body.version, alt: '' },
    });
    expect(unalt.status).toBe(400);
    expect(unalt.body.errors.map((e: { field: string }) => e.field)).toEqual(['alt']);

    // A caption change reaches the public JSON (the public cache hears of media changes).
    const recaption = await app.request('PATCH', `/api/media/${good.id}`, {
      token: editor,
      body: { version: captioned.body.version, caption: 'Dawn, later.' },
    });
    expect(recaption.status).toBe(200);
    expect((await app.request('GET', `/api/public/stories/${draft.body.slug}`)).body.image.caption).toBe('Dawn, later.');

    // Removing it: the public story has no image.
    const removed = await app.request('PATCH', `/api/stories/${draft.body.id}`, { token: editor, body: { version: 4, leadImageId: null } });
    expect(removed.status).toBe(200);
    expect((await app.request('GET', `/api/public/stories/${draft.body.slug}`)).body.image).toBeNull();

    // Versioned (a stale version is 409), audited under its contract name, and in the revisions.
    const stale = await app.request('PATCH', `/api/stories/${draft.body.id}`, {
      token: editor,
      body: { version: 4, leadImageId: good.id },
    });
    expect(stale.status).toBe(409);
    const audit = await app.request('GET', `/api/audit?entity=story&entityId=${draft.body.id}`, { token: admin });
    expect(JSON.stringify(audit.body)).toContain('leadImageId');
    const revisions = await app.request('GET', `/api/stories/${draft.body.id}/revisions`, { token: editor });
    expect(revisions.body.items.some((r: { changedFields: string[] }) => r.changedFields.includes('leadImageId'))).toBe(true);
  }, 180_000);

  it('restoring a revision restores its lead image (none in a revision without one)', async () => {
    const photo = await uploaded(await halvesJpeg(800, 600), 'restore.jpg');
    const created = await story({});
    const withPhoto = await app.request('PATCH', `/api/stories/${created.body.id}`, {
      token: editor,
      body: { version: 1, leadImageId: photo.id },
    });
    expect(withPhoto.body.leadImageId).toBe(photo.id);
    const restored = await app.request('POST', `/api/stories/${created.body.id}/revisions/1/restore`, {
      token: editor,
      body: { version: 2 },
    });
    expect(restored.status).toBe(200);
    expect(restored.body.leadImageId).toBeNull();
  }, 60_000);

  it('a caption longer than 1,000 characters or not text is a 400 naming caption', async () => {
    const tooLong = await upload(app, editor, await halvesJpeg(200, 100), { name: 'x.jpg', type: 'image/jpeg' });
    const bad = await app.request('PATCH', `/api/media/${tooLong.body.id}`, {
      token: editor,
      body: { version: 1, caption: 'x'.repeat(1001) },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['caption']);
    const wrongType = await app.request('PATCH', `/api/media/${tooLong.body.id}`, { token: editor, body: { version: 1, caption: 5 } });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.errors.map((e: { field: string }) => e.field)).toEqual(['caption']);
  });
});
