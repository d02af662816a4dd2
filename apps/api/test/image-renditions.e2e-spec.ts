import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  ASPECT_RATIOS,
  AVIF_MAX_WIDTH,
  CROP_ASPECTS,
  IMAGE_ASPECTS,
  MediaSchema,
  PublicCorrespondentSchema,
  boxContains,
  cropBox,
  focalPixel,
  planRenditions,
} from '@newsdesk/contracts';
import { startTestApp, type TestApp } from './support/app.js';
import { upload } from './support/images.js';
import {
  bombPng,
  cmykJpeg,
  fetchRendition,
  halvesJpeg,
  markedJpeg,
  pixel,
  renditionsSettled,
  transparentPng,
  renditionsIdle,
} from './support/renditions.js';

let app: TestApp;
let editor: string;
let admin: string;
const mediaDir = mkdtempSync(path.join(tmpdir(), 'newsdesk-renditions-test-'));
beforeAll(async () => {
  app = await startTestApp({ MEDIA_DIR: mediaDir, IMAGE_JOBS: '2' });
  editor = (await app.signIn(['editor'])).token;
  admin = (await app.signIn(['admin'])).token;
});
afterAll(async () => {
  // Plans superseded by a later focal point or crop are still rendered (their URLs may be published): let the worker finish them first.
  await renditionsIdle(app, 90_000);
  await app?.close();
  rmSync(mediaDir, { recursive: true, force: true });
}, 120_000);

const described = { alt: 'A test photo', credit: 'Test Photographer/Newsdesk' };

async function uploaded(bytes: Buffer, name: string) {
  const response = await upload(app, editor, bytes, { name, type: 'image/jpeg', fields: described });
  expect(response.status).toBe(201);
  return MediaSchema.parse(response.body);
}

describe('renditions of a large JPEG with EXIF orientation 6 and GPS', () => {
  // Stored 3000 × 2000 (left half red, right half blue); orientation 6 turns it upright to 2000 × 3000 (red on top).
  let media: ReturnType<typeof MediaSchema.parse>;
  beforeAll(async () => {
    const bytes = await halvesJpeg(3000, 2000, { orientation: 6, gps: true });
    media = await uploaded(bytes, 'camera.jpg');
    media = MediaSchema.parse(await renditionsSettled(app, editor, media.id));
  }, 120_000);

  it('records the upright size and makes the documented set, ready', () => {
    expect(media).toMatchObject({ width: 2000, height: 3000, focalX: 0.5, focalY: 0.5, crops: {} });
    const planned = planRenditions(2000, 3000, { x: 0.5, y: 0.5 });
    expect(media.renditions).toMatchObject({ state: 'ready', error: null, done: planned.length, total: planned.length });
    expect(media.renditions.items.map(({ aspect, width, height, type }) => ({ aspect, width, height, type }))).toEqual(
      planned.map(({ aspect, width, height, type }) => ({ aspect, width, height, type })),
    );
    // Every aspect; never wider than its crop (the original is 2000 wide: no 2400); AVIF only up to AVIF_MAX_WIDTH.
    expect(new Set(media.renditions.items.map((item) => item.aspect))).toEqual(new Set(IMAGE_ASPECTS));
    expect(media.renditions.items.filter((item) => item.aspect === 'original').map((item) => item.width)).toEqual([
      320, 320, 320, 640, 640, 640, 1024, 1024, 1024, 1600, 1600,
    ]);
    expect(media.renditions.items.filter((item) => item.type === 'image/avif').every((item) => item.width <= AVIF_MAX_WIDTH)).toBe(true);
    for (const item of media.renditions.items) {
      if (item.aspect !== 'original') expect(Math.abs(item.width / item.height - ASPECT_RATIOS[item.aspect]) * item.height).toBeLessThan(1);
      expect(item.byteSize).toBeGreaterThan(0);
    }
  }, 120_000);

  it('serves each rendition with its size and type, orientation applied, EXIF and GPS gone, sRGB', async () => {
    for (const item of media.renditions.items.filter((i) => i.aspect === 'original' || i.width === 320)) {
      const { status, headers, meta, bytes } = await fetchRendition(app, item.url);
      expect(status).toBe(200);
      expect(headers.get('content-type')).toBe(item.type);
      expect({ width: meta.width, height: meta.height }).toEqual({ width: item.width, height: item.height });
      expect(meta.format).toBe({ 'image/jpeg': 'jpeg', 'image/webp': 'webp', 'image/avif': 'heif' }[item.type]);
      expect(meta.exif).toBeUndefined();
      expect(meta.orientation ?? 1).toBe(1);
      expect(meta.space).toBe('srgb');
      expect(bytes.includes(Buffer.from('GPS'))).toBe(false);
      expect(bytes.includes(Buffer.from('Test Photographer'))).toBe(false);
      if (item.aspect === 'original' && item.type === 'image/jpeg') {
        // Upright: red on top, blue at the bottom.
        const top = await pixel(bytes, Math.floor(item.width / 2), 5);
        const bottom = await pixel(bytes, Math.floor(item.width / 2), item.height - 5);
        expect(top[0]).toBeGreaterThan(200);
        expect(top[2]).toBeLessThan(60);
        expect(bottom[2]).toBeGreaterThan(200);
        expect(bottom[0]).toBeLessThan(60);
      }
    }
  }, 120_000);

  it('serves renditions immutable, one URL per type (no Vary), with a strong ETag; unknown keys 404, bad names 400', async () => {
    const item = media.renditions.items[0]!;
    const first = await fetch(`${app.url}${item.url}`);
    await first.arrayBuffer();
    expect(first.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(first.headers.get('vary') ?? '').not.toMatch(/accept/i);
    expect(first.headers.get('x-content-type-options')).toBe('nosniff');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    expect(await statusOf(`${app.url}${item.url}`, { headers: { 'if-none-match': etag } })).toBe(304);
    // The same key with another type's extension is not a rendition.
    const other = item.url.replace(/\.(avif|webp|jpg)$/, (ext) => (ext === '.jpg' ? '.webp' : '.jpg'));
    expect(await statusOf(`${app.url}${other}`)).toBe(404);
    // An original's storage key (its sha256) is not served here.
    expect(await statusOf(`${app.url}/api/public/images/${media.sha256}.jpg`)).toBe(404);
    for (const bad of ['nothex.jpg', `${'a'.repeat(64)}.gif`, `${'a'.repeat(64)}`, `${'A'.repeat(64)}.jpg`]) {
      expect(await statusOf(`${app.url}/api/public/images/${bad}`)).toBe(400);
    }
    expect(await statusOf(`${app.url}${item.url}?x=1`)).toBe(400);
    // The original, referenced by nothing live, is staff-only (docs/images.md "Originals"): 404 without a session.
    expect(await statusOf(`${app.url}${media.url}`)).toBe(404);
    expect((await fetch(`${app.url}${media.url}`, { headers: { authorization: `Bearer ${editor}` } })).status).toBe(200);
  }, 120_000);
});

describe('colour and transparency', () => {
  it('flattens a transparent PNG on white for JPEG and keeps the alpha in WebP and AVIF', async () => {
    const media = await uploaded(await transparentPng(800, 400), 'logo.png');
    const ready = MediaSchema.parse(await renditionsSettled(app, editor, media.id));
    expect(ready.renditions.state).toBe('ready');
    const of = (type: string) => ready.renditions.items.find((i) => i.aspect === 'original' && i.width === 640 && i.type === type)!;
    const jpeg = await fetchRendition(app, of('image/jpeg').url);
    expect(jpeg.meta.hasAlpha).toBe(false);
    expect(await pixel(jpeg.bytes, 10, 10)).toEqual([255, 255, 255].map(() => expect.any(Number)));
    expect((await pixel(jpeg.bytes, 10, 10)).every((channel) => channel > 245)).toBe(true);
    const webp = await fetchRendition(app, of('image/webp').url);
    expect(webp.meta.hasAlpha).toBe(true);
    expect((await pixel(webp.bytes, 10, 10))[3]).toBeLessThan(10);
    expect((await pixel(webp.bytes, 630, 10))[3]).toBeGreaterThan(245);
    expect((await fetchRendition(app, of('image/avif').url)).meta.hasAlpha).toBe(true);
  }, 120_000);

  it('converts a CMYK JPEG to sRGB', async () => {
    const media = await uploaded(await cmykJpeg(1200, 800), 'print.jpg');
    const ready = MediaSchema.parse(await renditionsSettled(app, editor, media.id));
    expect(ready.renditions.state).toBe('ready');
    for (const item of ready.renditions.items.filter((i) => i.width === 640)) {
      const { meta, bytes } = await fetchRendition(app, item.url);
      expect(meta.space).toBe('srgb');
      expect(meta.channels).toBe(3);
      const [r, g, b] = await pixel(bytes, 100, 100);
      // #2a7ab0, through CMYK and back: still a mid blue.
      expect(b!).toBeGreaterThan(r! + 60);
      expect(b!).toBeGreaterThan(g!);
    }
  }, 120_000);
});

describe('focal point and crops', () => {
  it('keeps the focal pixel inside every crop (geometry, over many focal points and sizes)', () => {
    for (const [w, h] of [
      [3000, 2000],
      [2000, 3000],
      [1000, 1000],
      [5000, 400],
      [300, 4000],
      [1, 1],
    ] as const) {
      for (let i = 0; i <= 10; i++) {
        for (let j = 0; j <= 10; j++) {
          const focal = { x: i / 10, y: j / 10 };
          for (const aspect of IMAGE_ASPECTS) {
            const box = cropBox(w, h, aspect, focal);
            expect(boxContains(box, focalPixel(w, h, focal.x, focal.y))).toBe(true);
            expect(box.left + box.width).toBeLessThanOrEqual(w);
            expect(box.top + box.height).toBeLessThanOrEqual(h);
          }
        }
      }
    }
  }, 120_000);

  it('renders every crop around the focal point: the marker there is in every rendition; the published URL still answers after the change', async () => {
    // 3000 × 2000, a green marker near the top right corner.
    const media = await uploaded(await markedJpeg(3000, 2000, 2700, 300, 60), 'marked.jpg');
    const first = MediaSchema.parse(await renditionsSettled(app, editor, media.id));
    const squareBefore = first.renditions.items.find((i) => i.aspect === 'square' && i.type === 'image/jpeg' && i.width === 640)!;
    // Centred focal point: the square crop (2000 × 2000 from x = 500) misses the marker.
    expect(await greenIn(squareBefore.url)).toBe(false);

    // Publish a profile with this photo: its public JSON gives these renditions.
    const profile = await app.request('POST', '/api/correspondents', {
      token: admin,
      body: { name: 'Focal Tester', title: 'Correspondent', bio: '<p>Reports.</p>', photoId: media.id },
    });
    expect(profile.status).toBe(201);
    expect(
      (await app.request('POST', `/api/correspondents/${profile.body.id}/publish`, { token: admin, body: { version: 1 } })).status,
    ).toBe(200);
    const publicBefore = PublicCorrespondentSchema.parse(
      (await app.request('GET', `/api/public/correspondents/${profile.body.slug}`)).body,
    );
    expect(publicBefore.photo!.srcset.square!.jpeg).toContain(squareBefore.url);
    expect(publicBefore.photo).toMatchObject({
      alt: described.alt,
      credit: described.credit,
      width: 3000,
      height: 2000,
      focal: { x: 0.5, y: 0.5 },
    });

    const moved = await app.request('PATCH', `/api/media/${media.id}`, {
      token: editor,
      body: { version: first.version, focalX: 0.9, focalY: 0.15 },
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ focalX: 0.9, focalY: 0.15, version: first.version + 1 });
    // Read (and cache) the public profile while the new renditions are being made: it keeps the last ready ones meanwhile.
    const during = PublicCorrespondentSchema.parse((await app.request('GET', `/api/public/correspondents/${profile.body.slug}`)).body);
    expect(during.photo!.renditions.length).toBeGreaterThan(0);
    const after = MediaSchema.parse(await renditionsSettled(app, editor, media.id));
    expect(after.renditions.state).toBe('ready');
    for (const aspect of IMAGE_ASPECTS) {
      const largest = after.renditions.items.filter((i) => i.aspect === aspect && i.type === 'image/jpeg').pop()!;
      expect([aspect, await greenIn(largest.url)]).toEqual([aspect, true]);
    }
    const squareAfter = after.renditions.items.find((i) => i.aspect === 'square' && i.type === 'image/jpeg' && i.width === 640)!;
    expect(squareAfter.url).not.toBe(squareBefore.url);
    // The original aspect does not depend on the focal point: same keys.
    expect(after.renditions.items.filter((i) => i.aspect === 'original')).toEqual(
      first.renditions.items.filter((i) => i.aspect === 'original'),
    );
    // The URL published before the change still answers, with the same bytes' ETag; the public JSON offers the new ones.
    const old = await fetch(`${app.url}${squareBefore.url}`);
    await old.arrayBuffer();
    expect(old.status).toBe(200);
    expect(old.headers.get('cache-control')).toContain('immutable');
    const publicAfter = PublicCorrespondentSchema.parse((await app.request('GET', `/api/public/correspondents/${profile.body.slug}`)).body);
    expect(publicAfter.photo!.focal).toEqual({ x: 0.9, y: 0.15 });
    expect(publicAfter.photo!.srcset.square!.jpeg).toContain(squareAfter.url);
    expect(publicAfter.photo!.renditions.map((r) => r.url)).toEqual(after.renditions.items.map((i) => i.url));

    // The change is audited under the contract's names.
    const audit = await app.request('GET', `/api/audit?entity=media&entityId=${media.id}`, { token: admin });
    expect(JSON.stringify(audit.body)).toContain('focalX');
  }, 120_000);

  it('takes a manual crop of the right shape containing the focal point, and renders it', async () => {
    const media = await uploaded(await markedJpeg(2000, 2000, 1500, 1500, 40), 'manual.jpg');
    await renditionsSettled(app, editor, media.id);
    const box = { x: 0.5, y: 0.6, width: 0.5, height: 0.25 }; // 1000 × 500 from (1000, 1200): 2:1, around (1500, 1500)
    const saved = await app.request('PATCH', `/api/media/${media.id}`, {
      token: editor,
      body: { version: 1, focalX: 0.75, focalY: 0.75, crops: { social: box } },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.crops).toEqual({ social: box });
    const ready = MediaSchema.parse(await renditionsSettled(app, editor, media.id));
    const social = ready.renditions.items.filter((i) => i.aspect === 'social' && i.type === 'image/jpeg');
    expect(social.map((i) => [i.width, i.height])).toEqual([
      [320, 160],
      [640, 320],
    ]);
    expect(await greenIn(social[1]!.url)).toBe(true);
  }, 120_000);

  it('refuses bad values in every new field with 400 naming it', async () => {
    const media = await uploaded(await markedJpeg(1600, 900, 800, 450), 'bad-values.jpg');
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ focalX: -0.1 }, 'focalX'],
      [{ focalX: 1.5 }, 'focalX'],
      [{ focalX: '0.5' }, 'focalX'],
      [{ focalX: null }, 'focalX'],
      [{ focalY: Number.MAX_VALUE }, 'focalY'],
      [{ focalY: true }, 'focalY'],
      [{ crops: [] }, 'crops'],
      [{ crops: { panorama: { x: 0, y: 0, width: 1, height: 1 } } }, 'crops.panorama'],
      [{ crops: { square: { x: 0, y: 0, width: 0, height: 0.5 } } }, 'crops.square.width'],
      [{ crops: { square: { x: -1, y: 0, width: 0.5, height: 0.5 } } }, 'crops.square.x'],
      [{ crops: { square: { x: 0, y: 0, width: 0.5, height: 0.5, z: 1 } } }, 'crops.square.z'],
      // Wrong shape: 800 × 450 is not square.
      [{ crops: { square: { x: 0, y: 0, width: 0.5, height: 0.5 } } }, 'crops.square'],
      // Reaches outside the image.
      [{ crops: { wide: { x: 0.6, y: 0, width: 0.5, height: 0.5 } } }, 'crops.wide'],
      // Right shape (900 × 900) but the focal point (centre) is outside it.
      [{ crops: { square: { x: 0, y: 0, width: 0.5625, height: 1 } }, focalX: 0.9 }, 'crops.square'],
    ];
    for (const [body, field] of cases) {
      const response = await app.request('PATCH', `/api/media/${media.id}`, { token: editor, body: { version: 1, ...body } });
      expect([JSON.stringify(body), response.status]).toEqual([JSON.stringify(body), 400]);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    // A valid manual crop, then a focal point moved out of it: 400 naming focalX.
    const ok = await app.request('PATCH', `/api/media/${media.id}`, {
      token: editor,
      body: { version: 1, crops: { square: { x: 0.2, y: 0, width: 0.5625, height: 1 } } },
    });
    expect(ok.status).toBe(200);
    const out = await app.request('PATCH', `/api/media/${media.id}`, { token: editor, body: { version: 2, focalX: 0.95 } });
    expect(out.status).toBe(400);
    expect(out.body.errors[0].field).toBe('focalX');
  }, 120_000);

  it('lets one of several parallel focal point writes win; the others get 409 with the current version', async () => {
    const media = await uploaded(await markedJpeg(1200, 800, 600, 400), 'parallel.jpg');
    const answers = await Promise.all(
      [0.1, 0.3, 0.5, 0.7, 0.9].map((x) =>
        app.request('PATCH', `/api/media/${media.id}`, { token: editor, body: { version: 1, focalX: x, focalY: x } }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409, 409]);
    for (const conflict of answers.filter((a) => a.status === 409)) expect(conflict.body.currentVersion).toBe(2);
    const winner = answers.find((a) => a.status === 200)!.body;
    const settled = MediaSchema.parse(await renditionsSettled(app, editor, media.id));
    expect(settled).toMatchObject({ focalX: winner.focalX, version: 2 });
    expect(settled.renditions.state).toBe('ready');
  }, 120_000);
});

describe('bad images', () => {
  it('refuses a decompression bomb (a tiny PNG declaring 50,000 × 50,000) from its header, naming the file', async () => {
    const before = process.memoryUsage().rss;
    const response = await upload(app, editor, bombPng(50_000, 50_000), { name: 'bomb.png', type: 'image/png' });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.errors).toEqual([
      { field: 'file', message: expect.stringMatching(/^"bomb\.png" declares 50,000 × 50,000 pixels \(2,500 megapixels\)/) },
    ]);
    // Nothing decoded it: the process did not grow by the 7.5 GB a decode would need.
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  }, 120_000);

  it('fails the job of a truncated JPEG with the reason, refuses to publish it, and a retry fails the same way', async () => {
    const whole = await markedJpeg(1600, 1200, 800, 600);
    const media = await uploaded(whole.subarray(0, Math.floor(whole.length / 2)), 'truncated.jpg');
    const failed = MediaSchema.parse(await renditionsSettled(app, editor, media.id));
    expect(failed.renditions).toMatchObject({ state: 'failed', attempts: 1 });
    expect(failed.renditions.error).toMatch(/^The renditions could not be made: .+/);
    const profile = await app.request('POST', '/api/correspondents', {
      token: admin,
      body: { name: 'Truncated Tester', title: 'Correspondent', bio: '<p>Reports.</p>', photoId: media.id },
    });
    const publish = await app.request('POST', `/api/correspondents/${profile.body.id}/publish`, { token: admin, body: { version: 1 } });
    expect(publish.status).toBe(400);
    expect(publish.body.errors).toEqual([{ field: 'photo', message: expect.stringMatching(/^The photo's renditions failed/) }]);
    // Retry: queued again (version unchanged: no content changed), fails again with its reason.
    const retried = await app.request('POST', `/api/media/${media.id}/renditions/retry`, { token: editor, body: { version: 1 } });
    expect(retried.status).toBe(200);
    const again = MediaSchema.parse(await renditionsSettled(app, editor, media.id));
    expect(again.renditions).toMatchObject({ state: 'failed', attempts: 2 });
    // Nothing to retry on a ready image: 409.
    const fine = await uploaded(await markedJpeg(400, 300, 200, 150), 'fine.jpg');
    await renditionsSettled(app, editor, fine.id);
    expect((await app.request('POST', `/api/media/${fine.id}/renditions/retry`, { token: editor, body: { version: 1 } })).status).toBe(409);
  }, 120_000);
});

describe('body images', () => {
  it('renders an uploaded body image as <figure><picture> with AVIF/WebP sources, a JPEG srcset and the credit; publication waits for its renditions', async () => {
    const media = await uploaded(await markedJpeg(1800, 1200, 900, 600), 'body.jpg');
    const truncatedBytes = await markedJpeg(1000, 800, 500, 400);
    const broken = await uploaded(truncatedBytes.subarray(0, truncatedBytes.length / 2), 'body-broken.jpg');
    const ready = MediaSchema.parse(await renditionsSettled(app, editor, media.id));
    expect((await renditionsSettled(app, editor, broken.id)).renditions.state).toBe('failed');
    const image = (id: string) => ({
      type: 'image',
      attrs: { src: `/api/media/${id}`, alt: 'A "quoted" <alt>', credit: 'Jane Doe/Newsdesk', title: null },
    });
    const body = {
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Before.' }] }, image(media.id), image(broken.id)],
    };
    const created = await app.request('POST', '/api/stories', {
      token: editor,
      body: { headline: `Pictures ${Date.now()}`, body, bylineIds: [app.bylineId] },
    });
    expect(created.status).toBe(201);
    const html: string = created.body.bodyHtml;
    const jpegs = ready.renditions.items.filter((i) => i.aspect === 'original' && i.type === 'image/jpeg');
    expect(html).toContain('<figure><picture><source type="image/avif" srcset="');
    expect(html).toContain('<source type="image/webp" srcset="');
    expect(html).toContain(`srcset="${jpegs.map((i) => `${i.url} ${i.width}w`).join(', ')}"`);
    expect(html).toContain('alt="A &quot;quoted&quot; &lt;alt&gt;"');
    expect(html).toContain('<figcaption>Jane Doe/Newsdesk</figcaption>');
    // The failed one: refused at publication, naming it; without it the story publishes.
    const refused = await app.request('POST', `/api/stories/${created.body.id}/publish`, { token: editor, body: { version: 1 } });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      { field: 'body', message: expect.stringContaining(`The renditions of the image /api/media/${broken.id} failed`) },
    ]);
    const fixed = await app.request('PATCH', `/api/stories/${created.body.id}`, {
      token: editor,
      body: { version: 1, body: { ...body, content: body.content.slice(0, 2) } },
    });
    expect(fixed.status).toBe(200);
    const published = await app.request('POST', `/api/stories/${created.body.id}/publish`, {
      token: editor,
      body: { version: fixed.body.version },
    });
    expect(published.status).toBe(200);
    const story = await app.request('GET', `/api/public/stories/${created.body.slug}`);
    expect(story.body.bodyHtml).toContain(`<img src="${jpegs.find((i) => i.width === 1024)!.url}"`);
    for (const item of jpegs) expect(await statusOf(`${app.url}${item.url}`)).toBe(200);
  }, 120_000);

  it('serves a public story whose body images are not uploads (external, another site path, media look-alikes) with their addresses', async () => {
    const srcs = [
      'https://images.example.org/kremlin.jpg',
      '/static/aleppo.jpg',
      `/api/media/${'-'.repeat(36)}`,
      '/api/media/zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz',
    ];
    const body = {
      type: 'doc',
      content: srcs.map((src) => ({ type: 'image', attrs: { src, alt: 'A photo', credit: 'Wire photo', title: null } })),
    };
    const created = await app.request('POST', '/api/stories', {
      token: editor,
      body: { headline: `Not uploads ${Date.now()}`, body, bylineIds: [app.bylineId] },
    });
    expect(created.status).toBe(201);
    const published = await app.request('POST', `/api/stories/${created.body.id}/publish`, { token: editor, body: { version: 1 } });
    expect(published.status).toBe(200);
    const story = await app.request('GET', `/api/public/stories/${created.body.slug}`);
    expect(story.status).toBe(200);
    expect(story.body.images.map((image: { url: string }) => image.url)).toEqual(
      srcs.map((src) => (src.startsWith('/') ? `${app.config.PUBLIC_API_URL}${src}` : src)),
    );
  });
});

/** A GET's status, its body read (an unread body keeps the connection busy, and the app's close waits for it). */
async function statusOf(url: string, init?: RequestInit): Promise<number> {
  const response = await fetch(url, init);
  await response.arrayBuffer();
  return response.status;
}

async function greenIn(url: string): Promise<boolean> {
  const { bytes } = await fetchRendition(app, url);
  const sharp = (await import('sharp')).default;
  const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
  for (let i = 0; i < data.length; i += info.channels) if (data[i + 1]! > 180 && data[i]! < 80 && data[i + 2]! < 80) return true;
  return false;
}

it('plans every crop aspect', () => {
  expect(CROP_ASPECTS.every((aspect) => aspect in ASPECT_RATIOS)).toBe(true);
});
