import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AudioAssetSchema, AudioPageSchema } from '@newsdesk/contracts';
import { startTestApp, type TestApp } from './support/app.js';
import { png } from './support/images.js';
import { abortedUpload, decodedSeconds, settled, tone, uploadAudio, wavHeader, type Format } from './support/audio.js';

let app: TestApp;
let small: TestApp;
let editor: string;
let producer: string;
const mediaDir = mkdtempSync(path.join(tmpdir(), 'newsdesk-audio-test-'));
const smallDir = mkdtempSync(path.join(tmpdir(), 'newsdesk-audio-small-'));
const fixtures = mkdtempSync(path.join(tmpdir(), 'newsdesk-audio-fixtures-'));
const SMALL_LIMIT = 200_000;

/** Every file under a directory, recursively (the media store and its incoming directory). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

async function count(db: TestApp['db'], sql: string): Promise<number> {
  const [row]: Array<{ n: number }> = await db.query(sql);
  return row!.n;
}

/** Earlier uploads' encodes add files to the store: a test that counts files lets them finish first. */
async function encodesSettled(db: TestApp['db']): Promise<void> {
  while ((await count(db, `SELECT count(*)::int AS n FROM audio_renditions WHERE status IN ('queued','encoding')`)) > 0)
    await new Promise((r) => setTimeout(r, 200));
}

beforeAll(async () => {
  app = await startTestApp({ MEDIA_DIR: mediaDir, AUDIO_PODCAST_MONO: 'true', AUDIO_MAX_BYTES: String(600 * 1024 * 1024) });
  small = await startTestApp({ MEDIA_DIR: smallDir, AUDIO_MAX_BYTES: String(SMALL_LIMIT) });
  editor = (await app.signIn(['editor'])).token;
  producer = (await app.signIn(['producer'])).token;
});
afterAll(async () => {
  await app?.close();
  await small?.close();
  for (const dir of [mediaDir, smallDir, fixtures]) rmSync(dir, { recursive: true, force: true });
});

describe('uploads', () => {
  const encodeTimes: string[] = [];
  afterAll(() => {
    if (encodeTimes.length) console.log(`[figure] encode times of the fixtures: ${encodeTimes.join('; ')}`);
  });

  it.each([
    ['wav', 'audio/wav', false],
    ['flac', 'audio/flac', false],
    ['mp3', 'audio/mpeg', true],
    ['m4a', 'audio/mp4', true],
    ['aac', 'audio/aac', true],
    ['ogg', 'audio/ogg', true],
    ['opus', 'audio/ogg', true],
  ] as const)('takes a %s made by FFmpeg: sniffed, measured within 50 ms, encoded as it needs', async (format, type, playable) => {
    const file = await tone(fixtures, format as Format, { seconds: 3, frequency: 330 + format.length * 50 });
    const started = Date.now();
    const response = await uploadAudio(app, editor, file, {
      name: `master.bin`,
      type: 'text/plain',
      fields: { title: `A ${format} tone` },
    });
    expect(response.status).toBe(201);
    const asset = AudioAssetSchema.parse(response.body);
    expect(asset).toMatchObject({ kind: 'upload', contentType: type, title: `A ${format} tone`, originalName: 'master.bin', version: 1 });
    expect(asset.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(Math.abs((asset.durationSeconds ?? 0) - 3)).toBeLessThanOrEqual(format === 'aac' ? 0.1 : 0.05);
    // Opus always decodes at 48 kHz; the MP4 sample entry that FFmpeg writes declares 2 channels for AAC whatever the stream.
    expect(asset.sampleRate).toBe(format === 'opus' ? 48000 : 44100);
    if (format !== 'm4a') expect(asset.channels).toBe(1);
    expect(asset.codec).toBeTruthy();
    const profiles = asset.renditions.map((r) => r.profile);
    expect(profiles).toEqual(playable ? ['original', 'mp3-64-mono'] : ['original', 'mp3-128', 'mp3-64-mono']);
    expect(asset.renditions[0]).toMatchObject({ profile: 'original', status: 'ready', contentType: type });
    const done = await settled(app, editor, asset.id);
    encodeTimes.push(`${format} 3 s → ${profiles.slice(1).join('+')} in ${Date.now() - started} ms`);
    expect(done.playable).toBe(true);
    for (const rendition of done.renditions) {
      expect(rendition).toMatchObject({ status: 'ready', progress: 1, error: null });
      if (rendition.profile === 'original') continue;
      expect(rendition).toMatchObject({ contentType: 'audio/mpeg', attempts: 1 });
      expect(Math.abs(rendition.durationSeconds - 3)).toBeLessThan(0.1);
      expect(rendition.bitrate).toBeGreaterThan(rendition.profile === 'mp3-128' ? 100_000 : 50_000);
      // Decodable: fetched through the staff play URL and decoded by FFmpeg.
      const played = await fetch(`${app.url}${rendition.playUrl}`, { headers: { authorization: `Bearer ${producer}` } });
      expect(played.status).toBe(200);
      expect(played.headers.get('content-type')).toBe('audio/mpeg');
      const bytes = Buffer.from(await played.arrayBuffer());
      expect(bytes.length).toBe(rendition.byteSize);
      const copy = path.join(fixtures, `${rendition.id}.mp3`);
      writeFileSync(copy, bytes);
      expect(Math.abs((await decodedSeconds(copy)) - 3)).toBeLessThan(0.1);
    }
  });

  it('reads loudness tags (ReplayGain) into loudnessTags', async () => {
    const file = path.join(fixtures, 'replaygain.mp3');
    const source = await tone(fixtures, 'mp3', { seconds: 1, frequency: 523 });
    const { ffmpeg } = await import('./support/audio.js');
    await ffmpeg([
      '-i',
      source,
      '-c',
      'copy',
      '-metadata',
      'REPLAYGAIN_TRACK_GAIN=-6.20 dB',
      '-metadata',
      'REPLAYGAIN_TRACK_PEAK=0.988',
      file,
    ]);
    const response = await uploadAudio(app, editor, file);
    expect(response.status).toBe(201);
    expect(response.body.loudnessTags).toMatchObject({ REPLAYGAIN_TRACK_GAIN: '-6.20 dB', REPLAYGAIN_TRACK_PEAK: '0.988' });
  });

  it('answers the same bytes with the existing asset (200), also for identical uploads in parallel', async () => {
    const bytes = await readFile(await tone(fixtures, 'mp3', { seconds: 1, frequency: 611 }));
    const answers = await Promise.all(Array.from({ length: 6 }, () => uploadAudio(app, editor, bytes, { name: 'same.mp3' })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(await count(app.db, `SELECT count(*)::int AS n FROM audio_assets WHERE sha256 = '${answers[0]!.body.sha256}'`)).toBe(1);
    const again = await uploadAudio(app, editor, bytes, { name: 'again.mp3' });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(answers[0]!.body.id);
  });

  it.each([
    ['an HTML page renamed .mp3', Buffer.from('<!DOCTYPE html><html><body><audio src="x.mp3"></audio></body></html>'), 'text/html'],
    ['a PNG renamed .mp3', png(), 'image/png'],
    ['a PDF renamed .wav', Buffer.from('%PDF-1.7\n1 0 obj\n'), 'application/pdf'],
    ['plain text', Buffer.from('just a note, not audio'), 'text/plain'],
    ['random bytes', Buffer.from([0x00, 0x01, 0x02, 0x03, 0x99, 0x98, 0x97, 0x96]), 'application/octet-stream'],
  ])('refuses %s with 415 naming the detected type, and keeps nothing', async (_, bytes, detected) => {
    await encodesSettled(app.db);
    const before = filesUnder(mediaDir).length;
    const response = await uploadAudio(app, editor, bytes, { name: 'episode.mp3', type: 'audio/mpeg' });
    expect(response.status).toBe(415);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.detail).toContain(detected);
    expect(filesUnder(mediaDir).length).toBe(before);
  });

  it('refuses an upload without a file, with an unknown field, or a bad title (400 naming the field)', async () => {
    const noFile = new FormData();
    noFile.append('title', 'Nothing');
    const none = await fetch(`${app.url}/api/audio`, { method: 'POST', headers: { authorization: `Bearer ${editor}` }, body: noFile });
    expect(none.status).toBe(400);
    const bytes = await readFile(await tone(fixtures, 'mp3', { seconds: 1, frequency: 700 }));
    const unknown = await uploadAudio(app, editor, bytes, { fields: { alt: 'x' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].field).toBe('alt');
    const long = await uploadAudio(app, editor, bytes, { fields: { title: 'x'.repeat(301) } });
    expect(long.status).toBe(400);
    expect(long.body.errors[0].field).toBe('title');
  });

  it('needs a session to upload', async () => {
    const bytes = await readFile(await tone(fixtures, 'mp3', { seconds: 1, frequency: 710 }));
    expect((await uploadAudio(app, undefined, bytes)).status).toBe(401);
  });

  it('refuses a file past AUDIO_MAX_BYTES with 413 and keeps nothing (streamed, no Content-Length shortcut)', async () => {
    const before = filesUnder(smallDir).length;
    const token = (await small.signIn(['editor'])).token;
    const big = Buffer.concat([wavHeader(SMALL_LIMIT * 2, 1, 8000), Buffer.alloc(SMALL_LIMIT * 2)]);
    // A chunked body (no Content-Length): the limit is found while streaming.
    const boundary = 'audio-limit-boundary';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.wav"\r\nContent-Type: audio/wav\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const body = new ReadableStream({
      start(controller) {
        for (const part of [head, big, tail]) controller.enqueue(new Uint8Array(part));
        controller.close();
      },
    });
    const response = await fetch(`${small.url}/api/audio`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { detail: string }).detail).toMatch(/AUDIO_MAX_BYTES/);
    expect(await count(small.db, `SELECT count(*)::int AS n FROM audio_assets`)).toBe(0);
    expect(filesUnder(smallDir).length).toBe(before);
    // Just under the limit is taken.
    const fits = Buffer.concat([wavHeader(SMALL_LIMIT - 1000, 1, 8000), Buffer.alloc(SMALL_LIMIT - 1000)]);
    expect((await uploadAudio(small, token, fits.subarray(0, SMALL_LIMIT - 956))).status).toBe(201);
  });

  it('leaves nothing behind when the client goes away mid-upload (no row, no temp file)', async () => {
    await encodesSettled(app.db);
    const before = filesUnder(mediaDir);
    const rows = await count(app.db, `SELECT count(*)::int AS n FROM audio_assets`);
    await abortedUpload(app, editor);
    // The server notices the cut connection and cleans up: wait for it (bounded), then check.
    const until = Date.now() + 10_000;
    while (filesUnder(mediaDir).length !== before.length && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    expect(filesUnder(mediaDir).sort()).toEqual(before.sort());
    expect(await count(app.db, `SELECT count(*)::int AS n FROM audio_assets`)).toBe(rows);
  });
});

describe('encode failures and retries', () => {
  it('marks a damaged FLAC master failed with FFmpeg’s reason, and a retry queues it again', async () => {
    const good = await readFile(await tone(fixtures, 'flac', { seconds: 3, frequency: 900 }));
    // A valid FLAC header and STREAMINFO (so metadata reads 3 s), then noise instead of audio frames.
    const damaged = Buffer.concat([good.subarray(0, 200), Buffer.alloc(good.length - 200, 0x5a)]);
    const response = await uploadAudio(app, editor, damaged, { name: 'damaged.flac' });
    expect(response.status).toBe(201);
    expect(response.body.durationSeconds).toBeCloseTo(3, 1);
    let asset = await settled(app, editor, response.body.id);
    const failed = asset.renditions.find((r: { profile: string }) => r.profile === 'mp3-128');
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, playUrl: null });
    expect(failed.error).toMatch(/damaged|FFmpeg/);
    expect(asset.playable).toBe(false);
    const listed = await app.request('GET', `/api/audio?q=damaged`, { token: producer });
    expect(listed.body.items[0]).toMatchObject({ id: asset.id, encoding: 'failed', playable: false });

    // Retrying a ready rendition is refused, naming why.
    const original = await app.request('POST', `/api/audio/${asset.id}/renditions/original/retry`, {
      token: editor,
      body: { version: asset.version },
    });
    expect(original.status).toBe(409);
    expect(original.body.detail).toMatch(/original rendition is ready, not failed/);
    const stale = await app.request('POST', `/api/audio/${asset.id}/renditions/mp3-128/retry`, {
      token: editor,
      body: { version: asset.version + 5 },
    });
    expect(stale.status).toBe(409);

    const retried = await app.request('POST', `/api/audio/${asset.id}/renditions/mp3-128/retry`, {
      token: editor,
      body: { version: asset.version },
    });
    expect(retried.status).toBe(200);
    expect(retried.body.renditions.find((r: { profile: string }) => r.profile === 'mp3-128').status).toMatch(/queued|encoding/);
    asset = await settled(app, editor, asset.id);
    expect(asset.renditions.find((r: { profile: string }) => r.profile === 'mp3-128')).toMatchObject({ status: 'failed', attempts: 2 });
  });

  it('queues again an encode whose process died (no heartbeat), and fails one whose job is gone, so nothing stays encoding', async () => {
    const { AudioJobs } = await import('../src/audio/audio-jobs.js');
    const jobs = app.nest.get(AudioJobs);
    const response = await uploadAudio(app, editor, await tone(fixtures, 'wav', { seconds: 1, frequency: 950 }));
    const asset = await settled(app, editor, response.body.id);
    const [crashed, lost] = asset.renditions.filter((r: { profile: string }) => r.profile !== 'original') as Array<{ id: string }>;
    // As if a worker had died mid-encode: the rendition encoding, its job still active, no heartbeat for 2 hours.
    await app.db.query(
      `UPDATE audio_renditions SET status = 'encoding', progress = 0.4, updated_at = now() - interval '2 hours' WHERE id = $1`,
      [crashed!.id],
    );
    await app.db.query(`UPDATE pgboss.job SET state = 'active' WHERE data->>'renditionId' = $1`, [crashed!.id]);
    // And one whose job was lost: queued, no job at all.
    await app.db.query(`UPDATE audio_renditions SET status = 'queued', updated_at = now() - interval '2 hours' WHERE id = $1`, [lost!.id]);
    await app.db.query(`DELETE FROM pgboss.job WHERE data->>'renditionId' = $1`, [lost!.id]);
    await jobs.sweep();
    const after = await settled(app, editor, asset.id);
    const byId = (id: string) => after.renditions.find((r: { id: string }) => r.id === id);
    expect(byId(crashed!.id)).toMatchObject({ status: 'ready', attempts: 2, progress: 1 });
    expect(byId(lost!.id)).toMatchObject({ status: 'failed' });
    expect(byId(lost!.id).error).toMatch(/stopped/);
    expect(
      await count(
        app.db,
        `SELECT count(*)::int AS n FROM pgboss.job WHERE data->>'renditionId' = '${crashed!.id}' AND state = 'cancelled'`,
      ),
    ).toBe(1);
  });
});

describe('the library', () => {
  it('registers external audio (declared type and duration), lists with q and a keyset cursor, edits with versions', async () => {
    const external = await app.request('POST', '/api/audio/external', {
      token: editor,
      body: {
        url: 'https://cdn.example.org/show/episode-12.mp3',
        contentType: 'audio/mpeg',
        durationSeconds: 1520.5,
        title: 'Episode twelve',
      },
    });
    expect(external.status).toBe(201);
    expect(AudioAssetSchema.parse(external.body)).toMatchObject({
      kind: 'external',
      externalUrl: 'https://cdn.example.org/show/episode-12.mp3',
      durationSeconds: 1520.5,
      playable: true,
      sha256: null,
    });
    const play = await fetch(`${app.url}/api/audio/${external.body.id}/play`, {
      headers: { authorization: `Bearer ${producer}` },
      redirect: 'manual',
    });
    expect(play.status).toBe(302);
    expect(play.headers.get('location')).toBe('https://cdn.example.org/show/episode-12.mp3');
    expect(
      (
        await app.request('POST', '/api/audio/external', {
          token: editor,
          body: { url: 'ftp://x.org/a.mp3', contentType: 'audio/mpeg', durationSeconds: 1 },
        })
      ).status,
    ).toBe(400);

    const found = await app.request('GET', '/api/audio?q=twelve', { token: producer });
    expect(AudioPageSchema.parse(found.body).items.map((item) => item.id)).toEqual([external.body.id]);
    const seen = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { body: { items: Array<{ id: string }>; nextCursor: string | null } } = await app.request(
        'GET',
        `/api/audio?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        { token: producer },
      );
      for (const item of page.body.items) seen.add(item.id);
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor && pages < 100);
    expect(seen.size).toBe(await count(app.db, `SELECT count(*)::int AS n FROM audio_assets`));
    expect((await app.request('GET', '/api/audio?cursor=zz', { token: producer })).status).toBe(400);

    const id = external.body.id as string;
    const edited = await app.request('PATCH', `/api/audio/${id}`, {
      token: editor,
      body: {
        version: 1,
        title: 'Episode 12',
        downloadable: false,
        availableFrom: '2030-01-01T00:00:00Z',
        availableUntil: '2030-02-01T00:00:00Z',
      },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ version: 2, title: 'Episode 12', downloadable: false, availableFrom: '2030-01-01T00:00:00.000Z' });
    const stale = await app.request('PATCH', `/api/audio/${id}`, { token: editor, body: { version: 1, title: 'Old' } });
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(2);
    const crossed = await app.request('PATCH', `/api/audio/${id}`, {
      token: editor,
      body: { version: 2, availableUntil: '2029-01-01T00:00:00Z' },
    });
    expect(crossed.status).toBe(400);
    expect(crossed.body.errors[0].field).toBe('availableUntil');
    const [audit]: Array<{ n: number }> = await app.db.query(
      `SELECT count(*)::int AS n FROM audit_entries WHERE entity = 'audio' AND entity_id = $1`,
      [id],
    );
    expect(audit!.n).toBe(2);
    expect((await app.request('GET', `/api/audio/00000000-0000-4000-8000-000000000000`, { token: producer })).status).toBe(404);
  });
});

// Last: its encodes keep the worker busy until the app closes.
describe('a 500 MB master', () => {
  it('streams a 500 MB WAV to storage without holding it in memory (RSS growth reported)', async () => {
    const seconds = 2834; // 44.1 kHz stereo 16-bit: 176,400 bytes a second → 500 MB
    const dataBytes = seconds * 176_400;
    // The client is another process (so this process's RSS is the API's alone), see support/upload-client.cjs.
    const client = path.join(import.meta.dirname, 'support/upload-client.cjs');
    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const started = Date.now();
    const { execFile } = await import('node:child_process');
    const output = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, [client, `${app.url}/api/audio`, editor, String(dataBytes)], { maxBuffer: 1 << 24 }, (error, stdout) =>
        error ? reject(error) : resolve(stdout),
      ),
    );
    clearInterval(sampler);
    const growth = (peak - baseline) / (1024 * 1024);
    console.log(
      `[figure] 500 MB WAV upload (${(dataBytes / 1e6).toFixed(0)} MB of PCM, ${seconds} s of audio): API process RSS growth ${growth.toFixed(1)} MB (baseline ${(baseline / 1048576).toFixed(0)} MB, peak ${(peak / 1048576).toFixed(0)} MB), ${((Date.now() - started) / 1000).toFixed(1)} s over loopback`,
    );
    const { status, text } = JSON.parse(output) as { status: number; text: string };
    expect(status).toBe(201);
    const asset = JSON.parse(text);
    expect(asset).toMatchObject({ contentType: 'audio/wav', byteSize: dataBytes + 44, title: 'Big WAV', channels: 2, sampleRate: 44100 });
    expect(Math.abs(asset.durationSeconds - seconds)).toBeLessThan(0.05);
    expect(growth).toBeLessThan(150);
    // Its encode (a 47-minute master) reports progress while it runs; it is not waited for: closing the app stops FFmpeg.
    const until = Date.now() + 90_000;
    let progress = 0;
    while (progress === 0 && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const current = await app.request('GET', `/api/audio/${asset.id}`, { token: editor });
      const encoding = (current.body.renditions as Array<{ status: string; progress: number }>).find((r) => r.status === 'encoding');
      progress = encoding?.progress ?? 0;
    }
    console.log(`[figure] the 500 MB WAV's encode reported progress ${progress.toFixed(3)} within its first seconds`);
    expect(progress).toBeGreaterThan(0);
    expect(progress).toBeLessThan(1);
  }, 300_000);
});
