import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AudioAssetSchema, MediaSchema, defined } from '@newsdesk/contracts';
import { startTestApp, type TestApp } from './support/app.js';
import { abortedUpload, decodedSeconds, settled, storyWithAudio, tone, uploadAudio } from './support/audio.js';
import { png, upload } from './support/images.js';
import { renditionsIdle } from './support/renditions.js';
import { startS3Server, type S3StandIn } from './support/s3-server.js';

/**
 * Media and audio on S3 (S3MediaStorage), end to end over HTTP against a loopback S3 stand-in that
 * checks the SigV4 contract (test/support/s3-server.ts).
 */
let s3: S3StandIn;
let app: TestApp;
let editor: string;
/** Unreferenced originals are staff-only (docs/images.md "Originals"): read them with the editor's session. */
const staff = () => ({ headers: { authorization: `Bearer ${editor}` } });
/** The WAV asset of 'audio on S3' (its mp3-128 rendition on a published story). */
let audioId: string;
const PREFIX = 'media/';
const mediaDir = mkdtempSync(path.join(tmpdir(), 'newsdesk-s3-test-'));
const fixtures = mkdtempSync(path.join(tmpdir(), 'newsdesk-s3-fixtures-'));

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

function s3Config(standIn: S3StandIn, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    MEDIA_DIR: mediaDir,
    S3_BUCKET: standIn.bucket,
    S3_ENDPOINT: standIn.endpoint,
    S3_REGION: standIn.region,
    S3_ACCESS_KEY_ID: standIn.accessKeyId,
    S3_SECRET_ACCESS_KEY: standIn.secretAccessKey,
    S3_FORCE_PATH_STYLE: 'true',
    S3_PREFIX: PREFIX,
    // Short, so the "stops answering" cases end quickly (3 attempts each).
    S3_TIMEOUT_MS: '1000',
    ...overrides,
  };
}

async function count(db: TestApp['db'], sql: string, params: unknown[] = []): Promise<number> {
  const [row]: Array<{ n: number }> = await db.query(sql, params);
  return row?.n ?? 0;
}

beforeAll(async () => {
  s3 = await startS3Server();
  app = await startTestApp(s3Config(s3));
  editor = (await app.signIn(['editor'])).token;
});
afterAll(async () => {
  await app?.close();
  await s3?.close();
  for (const dir of [mediaDir, fixtures]) rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  // Every request our client made passed the stand-in's contract checks (signature, headers, bodies).
  expect(s3.violations).toEqual([]);
});

describe('images on S3', () => {
  it('stores an upload under its sha256 key (with its type) and serves it back byte-identical', async () => {
    const bytes = png(40, 30);
    const before = s3.bytesReceived;
    const response = await upload(app, editor, bytes, { name: 'photo.png', type: 'image/png' });
    expect(response.status).toBe(201);
    const key = `${PREFIX}${sha256(bytes)}`;
    const stored = s3.objects.get(key);
    expect(stored?.body.equals(bytes)).toBe(true);
    expect(stored?.contentType).toBe('image/png');
    expect(stored?.cacheControl).toBe('public, max-age=31536000, immutable');
    expect(s3.bytesReceived - before).toBe(bytes.length);

    const served = await fetch(`${app.url}/api/media/${MediaSchema.parse(response.body).id}`, staff());
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true);

    // The same bytes again: the existing record, no second PutObject.
    const puts = s3.requests.filter((r) => r.method === 'PUT').length;
    const again = await upload(app, editor, bytes, { name: 'again.png' });
    expect(again.status).toBe(200);
    expect(s3.requests.filter((r) => r.method === 'PUT').length).toBe(puts);
  });

  it('answers 404 for a record whose bytes are gone from the bucket (NoSuchKey), not a 500', async () => {
    const bytes = png(12, 12);
    const response = await upload(app, editor, bytes);
    expect(response.status).toBe(201);
    s3.objects.delete(`${PREFIX}${sha256(bytes)}`);
    const served = await fetch(`${app.url}/api/media/${MediaSchema.parse(response.body).id}`, staff());
    expect(served.status).toBe(404);
    // The last request for the original's key (the rendition worker makes requests of its own meanwhile).
    const forKey = s3.requests.filter((r) => r.path.startsWith(`/${s3.bucket}/${PREFIX}${sha256(bytes)}`));
    expect(forKey.at(-1)).toMatchObject({ method: 'GET', status: 404 });
  });

  it('removes the stored object when the commit fails after the PutObject', async () => {
    // A deferred constraint trigger fails the transaction at COMMIT, after the service stored the bytes.
    await app.db.query(`
      CREATE FUNCTION s3_test_fail_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.original_name = 'fail-at-commit.png' THEN RAISE EXCEPTION 's3 test: commit refused'; END IF;
        RETURN NULL;
      END $$;
      CREATE CONSTRAINT TRIGGER s3_test_fail_commit AFTER INSERT ON media DEFERRABLE INITIALLY DEFERRED
        FOR EACH ROW EXECUTE FUNCTION s3_test_fail_commit();`);
    try {
      const bytes = png(33, 17);
      const key = `${PREFIX}${sha256(bytes)}`;
      const response = await upload(app, editor, bytes, { name: 'fail-at-commit.png' });
      expect(response.status).toBe(500);
      // The bytes were put, then deleted.
      expect(s3.requests.some((r) => r.method === 'PUT' && r.path.startsWith(`/${s3.bucket}/${key}`))).toBe(true);
      expect(s3.requests.some((r) => r.method === 'DELETE' && r.path.startsWith(`/${s3.bucket}/${key}`))).toBe(true);
      expect(s3.objects.has(key)).toBe(false);
      expect(await count(app.db, `SELECT count(*)::int AS n FROM media WHERE sha256 = $1`, [sha256(bytes)])).toBe(0);
    } finally {
      await app.db.query(`DROP TRIGGER s3_test_fail_commit ON media; DROP FUNCTION s3_test_fail_commit();`);
    }
  });
});

describe('audio on S3', () => {
  let wav: Buffer;
  let assetId: string;
  let mp3: Buffer;
  let mp3Url: string;

  it('stores a WAV master in S3 (streamed PutObject), encodes its MP3 from S3 and stores the rendition in S3', async () => {
    wav = await readFile(await tone(fixtures, 'wav', { seconds: 3, frequency: 520 }));
    // The image renditions of the tests above are stored in S3 too: let them finish first.
    await renditionsIdle(app);
    const before = s3.bytesReceived;
    const response = await uploadAudio(app, editor, wav, { name: 'master.wav' });
    expect(response.status).toBe(201);
    const asset = AudioAssetSchema.parse(response.body);
    assetId = asset.id;
    audioId = assetId;
    expect(asset.sha256).toBe(sha256(wav));
    const master = s3.objects.get(`${PREFIX}${sha256(wav)}`);
    expect(master?.body.equals(wav)).toBe(true);
    expect(master?.contentType).toBe('audio/wav');

    const done = AudioAssetSchema.parse(await settled(app, editor, assetId));
    const rendition = defined(
      done.renditions.find((r) => r.profile === 'mp3-128'),
      'the mp3-128 rendition',
    );
    expect(rendition).toMatchObject({ status: 'ready', contentType: 'audio/mpeg', error: null });
    // The encoder read the master from S3 (no local copy to read: S3 has no localPath).
    expect(s3.requests.some((r) => r.method === 'GET' && r.path.startsWith(`/${s3.bucket}/${PREFIX}${sha256(wav)}`))).toBe(true);
    const stored = defined(
      [...s3.objects.entries()].find(([, object]) => object.contentType === 'audio/mpeg'),
      'the stored MP3',
    );
    mp3 = stored[1].body;
    expect(mp3.length).toBe(rendition.byteSize);
    expect(stored[0]).toBe(`${PREFIX}${sha256(mp3)}`);
    expect(s3.bytesReceived - before).toBe(wav.length + mp3.length);
    const copy = path.join(fixtures, 'rendition.mp3');
    writeFileSync(copy, mp3);
    expect(Math.abs((await decodedSeconds(copy)) - 3)).toBeLessThan(0.1);
    const encodings = s3.requests.filter((r) => r.method === 'PUT').map((r) => `${r.contentSha256} ${r.contentEncoding ?? ''}`.trim());
    console.log(`[figure] PutObject payload modes seen: ${[...new Set(encodings)].join('; ')}`);
  });

  it('serves the public audio URL from S3, with Range requests answered from the bucket', async () => {
    await storyWithAudio(app, assetId, { status: 'published', publishedAt: new Date(Date.now() - 60_000) });
    mp3Url = `${app.url}/api/public/audio/${assetId}/mp3-128.mp3`;
    const whole = await fetch(mp3Url);
    expect(whole.status).toBe(200);
    expect(Buffer.from(await whole.arrayBuffer()).equals(mp3)).toBe(true);
    const size = mp3.length;
    for (const [range, start, end] of [
      ['bytes=0-0', 0, 0],
      [`bytes=${Math.floor(size / 2)}-${Math.floor(size / 2) + 999}`, Math.floor(size / 2), Math.floor(size / 2) + 999],
      ['bytes=-500', size - 500, size - 1],
    ] as const) {
      const gets = s3.requests.length;
      const response = await fetch(mp3Url, { headers: { range } });
      expect({ range, status: response.status }).toEqual({ range, status: 206 });
      expect(response.headers.get('content-range')).toBe(`bytes ${start}-${end}/${size}`);
      expect(Buffer.from(await response.arrayBuffer()).equals(mp3.subarray(start, end + 1))).toBe(true);
      // Only the asked bytes travelled from the bucket: one ranged GetObject.
      const asked = s3.requests.slice(gets).filter((r) => r.method === 'GET');
      expect(asked).toEqual([expect.objectContaining({ status: 206, range: `bytes=${start}-${end}` })]);
    }
    const gets = s3.requests.length;
    const invalid = await fetch(mp3Url, { headers: { range: `bytes=${size + 10}-${size + 20}` } });
    expect(invalid.status).toBe(416);
    expect(invalid.headers.get('content-range')).toBe(`bytes */${size}`);
    await invalid.arrayBuffer();
    // Refused from the record's size: no request reached the bucket.
    expect(s3.requests.length).toBe(gets);
  });

  it('lets go of the bucket download when a listener goes away mid-file', async () => {
    // A long MP3 (played as uploaded): far more bytes than the sockets buffer.
    const long = await readFile(await tone(fixtures, 'mp3', { seconds: 400, frequency: 300 }));
    const uploaded = await uploadAudio(app, editor, long, { name: 'long.mp3' });
    expect(uploaded.status).toBe(201);
    const longId = AudioAssetSchema.parse(uploaded.body).id;
    await storyWithAudio(app, longId, { status: 'published', publishedAt: new Date(Date.now() - 60_000) });
    const url = `${app.url}/api/public/audio/${longId}/original.mp3`;
    for (let i = 0; i < 3; i++) {
      // A listener that reads the first bytes, then closes the connection.
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpRequest(url, (response) => {
          response.once('data', () => {
            req.destroy();
            resolve(response.statusCode ?? 0);
          });
        });
        req.on('error', reject);
        req.end();
      });
      expect(status).toBe(200);
    }
    // The API destroys its S3 stream: the stand-in's responses close (bounded wait, not a timed assertion).
    const until = Date.now() + 10_000;
    while (s3.openResponses() > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(s3.openResponses()).toBe(0);
    console.log(`[figure] long MP3 ${long.length} bytes; S3 requests open after 3 abandoned downloads: ${s3.openResponses()}`);
  });

  it('stores nothing when the client goes away mid-upload (no object, no row)', async () => {
    const objects = s3.objects.size;
    const puts = s3.requests.filter((r) => r.method === 'PUT').length;
    const rows = await count(app.db, `SELECT count(*)::int AS n FROM audio_assets`);
    await abortedUpload(app, editor);
    await new Promise((r) => setTimeout(r, 1000));
    expect(s3.objects.size).toBe(objects);
    expect(s3.requests.filter((r) => r.method === 'PUT').length).toBe(puts);
    expect(await count(app.db, `SELECT count(*)::int AS n FROM audio_assets`)).toBe(rows);
  });
});

/** The storage being unavailable is a 503 problem with Retry-After (the request was fine), naming no host or key. */
function expectUnavailable(response: { status: number; headers: Headers }): void {
  expect(response.status).toBe(503);
  expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
}

describe('when storage refuses or is down', () => {
  it('answers an upload refused by the bucket (wrong access key) with 503 (storage unavailable), promptly, and keeps no row', async () => {
    const wrong = await startTestApp(s3Config(s3, { S3_ACCESS_KEY_ID: 'AKIAWRONGWRONGWRONG0' }));
    try {
      const token = (await wrong.signIn(['editor'])).token;
      const bytes = png(21, 13);
      const image = await upload(wrong, token, bytes);
      console.log(`[figure] image upload with a refused credential: ${image.status} ${image.text.slice(0, 200)}`);
      expectUnavailable(image);
      expect(image.headers.get('content-type')).toContain('application/problem+json');
      expect(s3.requests.at(-1)).toMatchObject({ method: 'PUT', status: 403 });
      expect(s3.objects.has(`${PREFIX}${sha256(bytes)}`)).toBe(false);
      expect(await count(wrong.db, `SELECT count(*)::int AS n FROM media`)).toBe(0);

      const wav = await readFile(await tone(fixtures, 'wav', { seconds: 1, frequency: 610 }));
      const audio = await uploadAudio(wrong, token, wav, { name: 'refused.wav' });
      console.log(`[figure] audio upload with a refused credential: ${audio.status} ${audio.text.slice(0, 200)}`);
      expectUnavailable(audio);
      expect(await count(wrong.db, `SELECT count(*)::int AS n FROM audio_assets`)).toBe(0);
      expect(s3.objects.has(`${PREFIX}${sha256(wav)}`)).toBe(false);
    } finally {
      await wrong.close();
    }
  });

  it('answers 503 with Retry-After, not a hang, when the bucket is unreachable or failing', async () => {
    // An endpoint nobody listens on: connection refused (the SDK retries, then gives up).
    const gone = await startS3Server();
    const endpoint = gone.endpoint;
    await gone.close();
    const down = await startTestApp(s3Config(s3, { S3_ENDPOINT: endpoint }));
    try {
      const token = (await down.signIn(['editor'])).token;
      const started = Date.now();
      const image = await upload(down, token, png(19, 11));
      console.log(`[figure] image upload with the bucket unreachable: ${image.status} after ${Date.now() - started} ms`);
      expectUnavailable(image);
      expect(await count(down.db, `SELECT count(*)::int AS n FROM media`)).toBe(0);
    } finally {
      await down.close();
    }
    // The bucket answering 503 SlowDown: the SDK retries (3 attempts), then the upload fails.
    s3.failWith = { status: 503, code: 'SlowDown' };
    try {
      const started = Date.now();
      const before = s3.requests.length;
      const image = await upload(app, editor, png(17, 9));
      console.log(
        `[figure] image upload with the bucket answering 503: ${image.status} after ${Date.now() - started} ms, ${s3.requests.length - before} attempts`,
      );
      expectUnavailable(image);
      // Reading an image while the bucket fails: an error status, not a hang.
      const first: Array<{ id: string }> = await app.db.query(`SELECT id FROM media LIMIT 1`);
      const served = await fetch(`${app.url}/api/media/${first[0]?.id}`, staff());
      console.log(`[figure] image read with the bucket answering 503: ${served.status}`);
      expectUnavailable(served);
    } finally {
      s3.failWith = null;
    }
  });
});

describe('when storage stops answering', () => {
  afterEach(() => {
    s3.hang = null;
  });

  it('answers an upload with 503, not a hang, when the bucket never answers', async () => {
    s3.hang = 'silent';
    const started = Date.now();
    const image = await upload(app, editor, png(23, 7));
    console.log(`[figure] image upload with a silent bucket: ${image.status} after ${Date.now() - started} ms`);
    expectUnavailable(image);
    const wav = await readFile(await tone(fixtures, 'wav', { seconds: 1, frequency: 710 }));
    const audio = await uploadAudio(app, editor, wav, { name: 'silent.wav' });
    console.log(`[figure] audio upload with a silent bucket: ${audio.status} after ${Date.now() - started} ms`);
    expectUnavailable(audio);
    expect(s3.objects.has(`${PREFIX}${sha256(wav)}`)).toBe(false);
  });

  it('fails an encode (with the reason, not a rendition stuck encoding) when the master download stalls', async () => {
    const wav = await readFile(await tone(fixtures, 'wav', { seconds: 2, frequency: 810 }));
    s3.hang = 'stall';
    const response = await uploadAudio(app, editor, wav, { name: 'stalled-master.wav' });
    expect(response.status).toBe(201);
    const done = AudioAssetSchema.parse(await settled(app, editor, AudioAssetSchema.parse(response.body).id));
    const rendition = defined(
      done.renditions.find((r) => r.profile === 'mp3-128'),
      'the mp3-128 rendition',
    );
    console.log(`[figure] encode with a stalling master download: ${rendition.status}: ${String(rendition.error).slice(0, 160)}`);
    expect(rendition).toMatchObject({ status: 'failed', error: expect.stringMatching(/timed out/) });
  });

  it('ends the public audio answer (not a hang) when the bucket stalls mid-body', async () => {
    s3.hang = 'stall';
    const started = Date.now();
    const outcome = await fetch(`${app.url}/api/public/audio/${audioId}/mp3-128.mp3`, { headers: { range: 'bytes=0-9999' } }).then(
      async (response) => {
        try {
          await response.arrayBuffer();
          return `complete ${response.status}`;
        } catch {
          return `cut after ${response.status}`;
        }
      },
      () => 'cut before the headers',
    );
    console.log(`[figure] public audio with a stalling bucket: ${outcome} after ${Date.now() - started} ms`);
    expect(outcome).toMatch(/^cut/);
  });
});
