import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';

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
     , r AS (INSERT INTO audio_renditions (asset_id, profile, status, progress, content_type, duration_ms, byte_size)
             SELECT id, 'original', 'ready', 1, $2, $3, $4 FROM a)
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

/** A WAV (16-bit PCM, mono) of a sine tone, made in code. */
export function wavTone(seconds = 2, frequency = 440, sampleRate = 22_050): Buffer {
  const samples = Math.round(seconds * sampleRate);
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) data.writeInt16LE(Math.round(Math.sin((2 * Math.PI * frequency * i) / sampleRate) * 12_000), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** POST /api/audio (multipart, field `file`): the audio module's upload. */
export async function uploadAudio(
  url: string,
  token: string,
  bytes: Buffer,
  name = 'tone.wav',
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary response bodies
): Promise<{ status: number; body: any; text: string }> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/octet-stream' }), name);
  const response = await fetch(`${url}/api/audio`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON
  }
  return { status: response.status, body, text };
}
