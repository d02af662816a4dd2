import { randomFillSync } from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';
import { ProgramSchema, type Program } from '@newsdesk/contracts';
import { DEMO, apiToken, uniqueTag } from './data';
import { API_URL } from './servers';

/**
 * A 16-bit PCM WAV made here (no fixture files): a sine tone of `seconds` at `frequency` Hz.
 * 10 s of 44.1 kHz stereo is 1.76 MB: big enough to watch an upload's progress when throttled.
 */
export function wavTone({ seconds = 10, sampleRate = 44_100, channels = 2, frequency = 440, formatTag = 1 } = {}): Buffer {
  const frames = Math.round(seconds * sampleRate);
  const dataBytes = frames * channels * 2;
  const wav = Buffer.alloc(44 + dataBytes);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + dataBytes, 4);
  wav.write('WAVE', 8, 'ascii');
  wav.write('fmt ', 12, 'ascii');
  wav.writeUInt32LE(16, 16); // fmt chunk size
  wav.writeUInt16LE(formatTag, 20); // 1: PCM (another tag: a codec FFmpeg does not know, for a failing encode)
  wav.writeUInt16LE(channels, 22);
  wav.writeUInt32LE(sampleRate, 24);
  wav.writeUInt32LE(sampleRate * channels * 2, 28); // byte rate
  wav.writeUInt16LE(channels * 2, 32); // block align
  wav.writeUInt16LE(16, 34); // bits per sample
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(dataBytes, 40);
  let offset = 44;
  for (let frame = 0; frame < frames; frame++) {
    const sample = Math.round(Math.sin((2 * Math.PI * frequency * frame) / sampleRate) * 0.4 * 32767);
    for (let channel = 0; channel < channels; channel++) {
      wav.writeInt16LE(sample, offset);
      offset += 2;
    }
  }
  // The last frame's samples are random: uploads are stored by their sha256, and every run (even
  // against the same database) uploads new audio rather than finding what an earlier run stored.
  randomFillSync(wav, wav.length - channels * 2);
  return wav;
}

/** Creates a program through the API as the demo producer (schedule.write). */
export async function createProgramViaApi(request: APIRequestContext, name = `E2E Podcast ${uniqueTag()}`): Promise<Program> {
  const created = await request.post(`${API_URL}/api/programs`, {
    data: { name, hosts: ['Steve Inskeep'], defaultDurationSeconds: 3600, description: 'Morning news for the e2e tests.' },
    headers: { authorization: `Bearer ${await apiToken(request, DEMO.producer)}`, 'x-newsdesk-csrf': '1' },
  });
  if (created.status() !== 201) throw new Error(`Creating a program failed: ${created.status()} ${await created.text()}`);
  return ProgramSchema.parse(await created.json());
}
