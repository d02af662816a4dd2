import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import { ffmpegPath } from '../../src/audio/audio-encoder.js';
import type { DataSource } from 'typeorm';
import type { TestApp } from './app.js';

const run = promisify(execFile);
export const FFMPEG = ffmpegPath({});

/** Runs the FFmpeg binary the API uses; returns stderr. */
export async function ffmpeg(args: string[]): Promise<string> {
  const { stderr } = await run(FFMPEG, ['-hide_banner', '-nostdin', '-y', ...args], { maxBuffer: 16 * 1024 * 1024 });
  return stderr;
}

/** Output options per fixture format (the 2018 FFmpeg build has libmp3lame, aac, flac, libvorbis, libopus). */
export const FORMATS = {
  wav: { args: ['-c:a', 'pcm_s16le'], type: 'audio/wav' },
  mp3: { args: ['-c:a', 'libmp3lame', '-b:a', '128k'], type: 'audio/mpeg' },
  m4a: { args: ['-c:a', 'aac', '-b:a', '96k'], type: 'audio/mp4' },
  aac: { args: ['-c:a', 'aac', '-b:a', '96k', '-f', 'adts'], type: 'audio/aac' },
  flac: { args: ['-c:a', 'flac'], type: 'audio/flac' },
  ogg: { args: ['-c:a', 'libvorbis', '-q:a', '3'], type: 'audio/ogg' },
  opus: { args: ['-c:a', 'libopus', '-b:a', '64k', '-f', 'ogg'], type: 'audio/ogg' },
} as const;
export type Format = keyof typeof FORMATS;

/** A tone made by FFmpeg's sine source: `seconds` long at `frequency` Hz, in `format`; returns the file's path. */
export async function tone(
  dir: string,
  format: Format,
  options: { seconds?: number; frequency?: number; title?: string; channels?: number; rate?: number } = {},
): Promise<string> {
  const file = path.join(dir, `tone-${randomBytes(4).toString('hex')}.${format === 'opus' ? 'opus.ogg' : format}`);
  const seconds = options.seconds ?? 3;
  await ffmpeg([
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=${options.frequency ?? 440}:duration=${seconds}:sample_rate=${options.rate ?? 44100}`,
    '-ac',
    String(options.channels ?? 1),
    ...(options.title ? ['-metadata', `title=${options.title}`] : []),
    ...FORMATS[format].args,
    file,
  ]);
  return file;
}

/** Decodes a file with FFmpeg; returns the decoded duration in seconds (throws when it does not decode). */
export async function decodedSeconds(file: string): Promise<number> {
  const stderr = await ffmpeg(['-v', 'info', '-i', file, '-f', 'null', '-']);
  const times = [...stderr.matchAll(/time=(\d+):(\d+):(\d+(?:\.\d+)?)/g)];
  const last = times.at(-1);
  if (!last) throw new Error(`no decode progress in: ${stderr.slice(-500)}`);
  return Number(last[1]) * 3600 + Number(last[2]) * 60 + Number(last[3]);
}

/** A canonical 44-byte WAV header for 16-bit PCM. */
export function wavHeader(dataBytes: number, channels = 2, rate = 44100): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write('WAVE', 8, 'latin1');
  header.write('fmt ', 12, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(channels, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * channels * 2, 28);
  header.writeUInt16LE(channels * 2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(dataBytes, 40);
  return header;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary response bodies
export type Answer = { status: number; headers: Headers; body: any; text: string };

async function answer(response: Response): Promise<Answer> {
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON
  }
  return { status: response.status, headers: response.headers, body, text };
}

/** POST /api/audio with the bytes (or a file's) as `file`, plus text fields. */
export async function uploadAudio(
  app: TestApp,
  token: string | undefined,
  source: Buffer | string,
  options: { name?: string; type?: string; fields?: Record<string, string> } = {},
): Promise<Answer> {
  const bytes = typeof source === 'string' ? await readFile(source) : source;
  const form = new FormData();
  for (const [key, value] of Object.entries(options.fields ?? {})) form.append(key, value);
  const name = options.name ?? (typeof source === 'string' ? path.basename(source) : 'upload.bin');
  form.append('file', new Blob([new Uint8Array(bytes)], { type: options.type ?? 'application/octet-stream' }), name);
  const response = await fetch(`${app.url}/api/audio`, {
    method: 'POST',
    headers: token ? { authorization: `Bearer ${token}` } : {},
    body: form,
  });
  return answer(response);
}

/** Waits until the asset's renditions are all settled (ready or failed); returns the asset. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary response bodies
export async function settled(app: TestApp, token: string, id: string, timeoutMs = 120_000): Promise<any> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const asset = await app.request('GET', `/api/audio/${id}`, { token });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary response bodies
    if (asset.body.renditions.every((r: any) => r.status === 'ready' || r.status === 'failed')) return asset.body;
    if (Date.now() > until) throw new Error(`renditions not settled: ${JSON.stringify(asset.body.renditions)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A story row straight in the table (the stories API is another feature's), with `position`-0 audio. */
export async function storyWithAudio(
  app: TestApp,
  assetId: string,
  state: { status: 'draft' | 'published' | 'scheduled' | 'unpublished'; publishedAt: Date | null },
): Promise<string> {
  const slug = `audio-story-${randomBytes(5).toString('hex')}`;
  const [story]: Array<{ id: string }> = await app.db.query(
    `INSERT INTO stories (slug, headline, status, published_at) VALUES ($1, $2, $3, $4) RETURNING id`,
    [slug, `Audio story ${slug}`, state.status, state.publishedAt],
  );
  await app.db.query(`INSERT INTO story_audio (story_id, position, asset_id, title) VALUES ($1, 0, $2, '')`, [story!.id, assetId]);
  return story!.id;
}

/** Rights and window of an audio asset inserted for a test. */
export interface AudioRights {
  streamable?: boolean;
  downloadable?: boolean;
  availableFrom?: Date | null;
  availableUntil?: Date | null;
}

/**
 * An external audio asset with its ready `original` rendition, as the AudioPodcasts migration and
 * the deprecated audioUrl write make them (inserted by SQL: the audio module owns the routes).
 */
export async function insertExternalAudio(
  db: DataSource,
  options: AudioRights & { url?: string; contentType?: string; durationMs?: number; byteSize?: number | null } = {},
): Promise<string> {
  const url = options.url ?? `https://cdn.example.org/audio/${randomBytes(4).toString('hex')}.mp3`;
  const contentType = options.contentType ?? 'audio/mpeg';
  const rows = (await db.query(
    `WITH a AS (
       INSERT INTO audio_assets (kind, external_url, content_type, duration_ms, byte_size, title, streamable, downloadable, available_from, available_until)
       VALUES ('external', $1, $2, $3, $4, 'Test audio', $5, $6, $7, $8) RETURNING id)
     SELECT id FROM a`,
    [
      url,
      contentType,
      options.durationMs ?? 61_000,
      options.byteSize ?? null,
      options.streamable ?? true,
      options.downloadable ?? true,
      options.availableFrom ?? null,
      options.availableUntil ?? null,
    ],
  )) as Array<{ id: string }>;
  return rows[0]!.id;
}

/** Sets an asset's rights and window (as the audio module's PATCH would). */
export async function setAudioRights(db: DataSource, assetId: string, rights: AudioRights): Promise<void> {
  const sets: string[] = [];
  const values: unknown[] = [assetId];
  const columns: Record<keyof AudioRights, string> = {
    streamable: 'streamable',
    downloadable: 'downloadable',
    availableFrom: 'available_from',
    availableUntil: 'available_until',
  };
  for (const [key, column] of Object.entries(columns)) {
    const value = rights[key as keyof AudioRights];
    if (value !== undefined) sets.push(`${column} = $${values.push(value)}`);
  }
  await db.query(`UPDATE audio_assets SET ${sets.join(', ')}, version = version + 1, updated_at = now() WHERE id = $1`, values);
}

/** Waits until `at` (plus a margin), for the exact-second rules. */
export async function waitUntil(at: Date, marginMs = 60): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, at.getTime() - Date.now()) + marginMs));
}

/**
 * Starts a chunked multipart upload of a WAV announced as 50 MB, sends 2 MB of it (the server has
 * a temp file by then), then cuts the connection: a client going away mid-upload.
 */
export async function abortedUpload(app: TestApp, token: string): Promise<void> {
  const boundary = 'abort-boundary';
  const url = new URL(`${app.url}/api/audio`);
  await new Promise<void>((resolve) => {
    const req = httpRequest({
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'transfer-encoding': 'chunked',
      },
    });
    req.on('error', () => resolve());
    req.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="cut.wav"\r\nContent-Type: audio/wav\r\n\r\n`);
    req.write(wavHeader(50_000_000));
    let sent = 0;
    const more = () => {
      if (sent >= 2_000_000) {
        // The upload is well under way (a temp file exists): cut the connection.
        setTimeout(() => {
          req.destroy();
          resolve();
        }, 300);
        return;
      }
      sent += 256 * 1024;
      req.write(Buffer.alloc(256 * 1024, 1), more);
    };
    more();
  });
}
