import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MEDIA_MAX_BYTES, MediaSchema } from '@newsdesk/contracts';
import { startTestApp, type TestApp } from './support/app.js';
import { SVG, jpeg, png, upload, webp } from './support/images.js';

let app: TestApp;
let editor: string;
let producer: string;
const mediaDir = mkdtempSync(path.join(tmpdir(), 'newsdesk-media-test-'));
beforeAll(async () => {
  app = await startTestApp({ MEDIA_DIR: mediaDir });
  editor = (await app.signIn(['editor'])).token;
  producer = (await app.signIn(['producer'])).token;
});
afterAll(async () => {
  await app?.close();
  rmSync(mediaDir, { recursive: true, force: true });
});

describe('uploads', () => {
  it('stores a PNG by content hash, with its size read from the header, and answers the same record for the same bytes', async () => {
    const bytes = png(40, 30);
    const first = await upload(app, editor, bytes, {
      name: 'portrait.png',
      type: 'image/png',
      fields: { alt: 'A portrait', credit: 'Newsdesk' },
    });
    expect(first.status).toBe(201);
    const media = MediaSchema.parse(first.body);
    expect(media).toMatchObject({
      contentType: 'image/png',
      width: 40,
      height: 30,
      byteSize: bytes.length,
      originalName: 'portrait.png',
      alt: 'A portrait',
      credit: 'Newsdesk',
      version: 1,
    });
    expect(media.url).toBe(`/api/media/${media.id}`);
    const again = await upload(app, editor, bytes, { name: 'other-name.png' });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(media.id);
    const [{ count }] = await app.db.query(`SELECT count(*)::int AS count FROM media WHERE sha256 = $1`, [media.sha256]);
    expect(count).toBe(1);
  });

  it.each([
    ['JPEG', jpeg(1200, 800), 'image/jpeg', 1200, 800],
    ['WebP', webp(640, 360), 'image/webp', 640, 360],
  ])('accepts a %s, typed from its bytes', async (_, bytes, contentType, width, height) => {
    const response = await upload(app, editor, bytes, { name: 'photo.bin', type: 'text/plain' });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ contentType, width, height });
  });

  it('trusts the bytes, not the name or the declared type', async () => {
    const disguised = await upload(app, editor, png(), { name: 'photo.svg', type: 'image/svg+xml' });
    expect(disguised.status).toBe(201);
    expect(disguised.body.contentType).toBe('image/png');
    const svgAsPng = await upload(app, editor, SVG, { name: 'photo.png', type: 'image/png' });
    expect(svgAsPng.status).toBe(415);
    expect(svgAsPng.headers.get('content-type')).toContain('application/problem+json');
    expect(svgAsPng.body.detail).toMatch(/SVG images are not accepted/);
  });

  it.each([
    ['an SVG', SVG, /SVG/],
    ['a GIF', Buffer.from('GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000;', 'latin1'), /GIF/],
    ['an HTML page', Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>'), /HTML/],
    ['a PDF', Buffer.from('%PDF-1.7\n...'), /PDF/],
    ['random bytes', Buffer.from('just some text, not an image at all'), /not an image we recognize/],
    ['a truncated PNG', png().subarray(0, 20), /damaged or incomplete/],
  ])('refuses %s with 415 and the reason', async (_, bytes, reason) => {
    const response = await upload(app, editor, bytes, { name: 'image.png', type: 'image/png' });
    expect(response.status).toBe(415);
    expect(response.body.detail).toMatch(reason);
  });

  it('refuses an image over 10 MB with 413 and stores nothing', async () => {
    const big = Buffer.concat([png(), Buffer.alloc(MEDIA_MAX_BYTES)]);
    const before = (await app.db.query(`SELECT count(*)::int AS count FROM media`))[0].count;
    const response = await upload(app, editor, big, { name: 'huge.png', type: 'image/png' });
    expect(response.status).toBe(413);
    expect(response.body.detail).toMatch(/larger than 10 MB/);
    expect((await app.db.query(`SELECT count(*)::int AS count FROM media`))[0].count).toBe(before);
  });

  it('refuses a request declaring far more than 10 MB before reading it', async () => {
    const response = await upload(app, editor, Buffer.concat([png(), Buffer.alloc(MEDIA_MAX_BYTES + 512 * 1024)]));
    expect(response.status).toBe(413);
  });

  it('accepts an image just under the limit (the JSON body limit does not apply to uploads)', async () => {
    const bytes = Buffer.concat([png(), Buffer.alloc(2 * 1024 * 1024)]);
    expect((await upload(app, editor, bytes)).status).toBe(201);
  });

  it('wants multipart with a file field, and known text fields only', async () => {
    const json = await app.request('POST', '/api/media', { token: editor, body: { file: 'x' } });
    expect(json.status).toBe(415);
    const wrongField = await upload(app, editor, png(), { fieldName: 'image' });
    expect(wrongField.status).toBe(400);
    const unknownField = await upload(app, editor, png(), { fields: { owner: 'me' } });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.errors[0].field).toBe('owner');
  });

  it('lets editors upload, not producers or visitors', async () => {
    expect((await upload(app, producer, png())).status).toBe(403);
    expect((await upload(app, undefined, png())).status).toBe(401);
  });
});

describe('serving', () => {
  it('serves an unreferenced original to staff only (private, never cached), with the type and nosniff, and revalidates by ETag', async () => {
    const bytes = png(12, 12);
    const media = (await upload(app, editor, bytes)).body;
    expect((await fetch(`${app.url}${media.url}`)).status).toBe(404);
    const staff = { headers: { authorization: `Bearer ${editor}` } };
    const response = await fetch(`${app.url}${media.url}`, staff);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
    const etag = response.headers.get('etag')!;
    expect(etag).toBe(`"${media.sha256}"`);
    expect((await fetch(`${app.url}${media.url}`, { headers: { ...staff.headers, 'if-none-match': etag } })).status).toBe(304);
    // Without a session the ETag reveals nothing either: 404.
    expect((await fetch(`${app.url}${media.url}`, { headers: { 'if-none-match': etag } })).status).toBe(404);
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    expect((await app.request('GET', '/api/media/8d1f6e55-4a8b-4c7e-9d3c-1f2e3a4b5c6d')).status).toBe(404);
    expect((await app.request('GET', '/api/media/..%2F..%2Fetc%2Fpasswd')).status).toBe(400);
  });
});

describe('alt text and credit', () => {
  it('are edited with the version; a stale edit is refused with 409', async () => {
    const media = (await upload(app, editor, png())).body;
    const edited = await app.request('PATCH', `/api/media/${media.id}`, {
      token: editor,
      body: { version: 1, alt: 'Lucian Kim in Moscow', credit: 'Newsdesk' },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ alt: 'Lucian Kim in Moscow', credit: 'Newsdesk', version: 2 });
    const stale = await app.request('PATCH', `/api/media/${media.id}`, { token: editor, body: { version: 1, alt: 'stale' } });
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(2);
    expect((await app.request('PATCH', `/api/media/${media.id}`, { token: producer, body: { version: 2, alt: 'x' } })).status).toBe(403);
    expect((await app.request('PATCH', `/api/media/${media.id}`, { token: editor, body: { version: 2, sha256: 'x' } })).status).toBe(400);
  });
});
