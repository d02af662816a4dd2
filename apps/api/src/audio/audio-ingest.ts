import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseFile } from 'music-metadata';
import { SNIFF_BYTES } from './audio-sniff.js';

/** A file received into the incoming directory: its bytes' sha256 and size, and its first bytes for sniffing. */
export interface ReceivedFile {
  path: string;
  sha256: string;
  byteSize: number;
  head: Buffer;
}

/** Where uploads and encodes are written before they are stored (inside MEDIA_DIR, so a disk store links them without copying). */
export function incomingDir(mediaDir: string): string {
  return path.resolve(mediaDir, '.incoming');
}

export function tempName(dir: string, extension = 'part'): string {
  return path.join(dir, `${Date.now().toString(36)}-${randomBytes(8).toString('hex')}.${extension}`);
}

/**
 * Streams `source` into a new temp file while hashing it (never more than a stream chunk in
 * memory). On any error (the client went away, the size limit, a full disk) the temp file is
 * removed and the error rethrown.
 */
export async function receiveToTempFile(source: Readable, dir: string): Promise<ReceivedFile> {
  await mkdir(dir, { recursive: true });
  const file = tempName(dir);
  const hash = createHash('sha256');
  const head: Buffer[] = [];
  let headLength = 0;
  let byteSize = 0;
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      byteSize += chunk.length;
      if (headLength < SNIFF_BYTES) {
        const part = chunk.subarray(0, SNIFF_BYTES - headLength);
        head.push(Buffer.from(part));
        headLength += part.length;
      }
      done(null, chunk);
    },
  });
  try {
    await pipeline(source, measure, createWriteStream(file, { flags: 'wx' }));
  } catch (error) {
    await removeQuietly(file);
    throw error;
  }
  return { path: file, sha256: hash.digest('hex'), byteSize, head: Buffer.concat(head) };
}

/** A stored file's sha256 and size, read as a stream. */
export async function hashFile(file: string): Promise<{ sha256: string; byteSize: number }> {
  const hash = createHash('sha256');
  let byteSize = 0;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    byteSize += chunk.length;
  }
  return { sha256: hash.digest('hex'), byteSize };
}

export async function removeQuietly(file: string): Promise<void> {
  await unlink(file).catch(() => undefined);
}

/** What music-metadata reads from an audio file. */
export interface AudioFacts {
  durationMs: number | null;
  bitrate: number | null;
  sampleRate: number | null;
  channels: number | null;
  codec: string | null;
  loudnessTags: Record<string, string>;
}

const LOUDNESS = /replaygain|itunnorm|r128/i;

/** Reads duration, bitrate, sample rate, channels, codec and the loudness tags from the file (streamed, never whole in memory). */
export async function readAudioFacts(file: string): Promise<AudioFacts> {
  const metadata = await parseFile(file, { duration: true, skipCovers: true });
  const format = metadata.format;
  const loudnessTags: Record<string, string> = {};
  for (const tags of Object.values(metadata.native)) {
    for (const tag of tags) {
      if (!LOUDNESS.test(tag.id)) continue;
      const name = tag.id.replace(/^(TXXX:|----:com\.apple\.iTunes:|COMM:)/i, '').slice(0, 100);
      const value = typeof tag.value === 'string' ? tag.value : typeof tag.value === 'number' ? String(tag.value) : textOf(tag.value);
      if (value !== null && Object.keys(loudnessTags).length < 20) loudnessTags[name] = value.slice(0, 500);
    }
  }
  const finite = (value: number | undefined) => (value !== undefined && Number.isFinite(value) && value >= 0 ? value : null);
  const duration = finite(format.duration);
  const bitrate = finite(format.bitrate);
  return {
    durationMs: duration === null ? null : Math.round(duration * 1000),
    bitrate: bitrate === null ? null : Math.min(Math.round(bitrate), 2_147_483_647),
    sampleRate: finite(format.sampleRate),
    channels: finite(format.numberOfChannels),
    codec: format.codec ?? format.container ?? null,
    loudnessTags,
  };
}

/** iTunNORM in an ID3 comment frame arrives as { text }. */
function textOf(value: unknown): string | null {
  if (value && typeof value === 'object' && 'text' in value && typeof (value as { text: unknown }).text === 'string')
    return (value as { text: string }).text;
  return null;
}
