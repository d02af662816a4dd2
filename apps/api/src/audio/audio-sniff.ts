import type { AudioType } from '@newsdesk/contracts';
import { sniffedType } from '../media/sniff.js';

export type AudioSniff = { ok: true; contentType: AudioType } | { ok: false; detected: string; reason: string };

/** How many bytes of the head the sniffer looks at. */
export const SNIFF_BYTES = 4096;

const ACCEPTED = 'Upload MP3, M4A/AAC, WAV, FLAC or OGG/Opus audio.';

/**
 * What an audio upload really is, from its first bytes (the name and the declared type are never
 * trusted): MP3 (ID3 tag or MPEG frame sync), M4A/MP4 (ftyp box), ADTS AAC, RIFF/WAVE, FLAC,
 * Ogg (Vorbis, Opus, FLAC in Ogg). Anything else is refused naming the type it looks like
 * (images and documents through the image sniffer).
 */
export function sniffAudio(head: Buffer): AudioSniff {
  if (head.length === 0) return { ok: false, detected: 'an empty file', reason: `The file is empty. ${ACCEPTED}` };
  const type = detect(head);
  if (type) return { ok: true, contentType: type };
  const detected = sniffedType(head) ?? (isText(head) ? 'text/plain' : 'application/octet-stream');
  return {
    ok: false,
    detected,
    reason: `This file is ${detected}, not audio we accept (its contents were checked, not its name). ${ACCEPTED}`,
  };
}

function detect(b: Buffer): AudioType | null {
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WAVE') return 'audio/wav';
  if (ascii(b, 0, 4) === 'RF64' && ascii(b, 8, 4) === 'WAVE') return 'audio/wav';
  if (ascii(b, 0, 4) === 'fLaC') return 'audio/flac';
  if (ascii(b, 0, 4) === 'OggS') return 'audio/ogg';
  if (ascii(b, 4, 4) === 'ftyp') {
    const brand = ascii(b, 8, 4);
    if (/^(M4A |M4B |M4P |mp41|mp42|isom|iso2|iso5|iso6|dash|3gp\d|3g2a|f4a |F4A )$/.test(brand)) return 'audio/mp4';
    return null;
  }
  if (ascii(b, 0, 3) === 'ID3' && b.length >= 10) {
    // The tag's size is a syncsafe integer; what follows it says MP3 or AAC (MP3 when beyond the head).
    const size = ((byte(b, 6) & 0x7f) << 21) | ((byte(b, 7) & 0x7f) << 14) | ((byte(b, 8) & 0x7f) << 7) | (byte(b, 9) & 0x7f);
    const after = 10 + size + (byte(b, 5) & 0x10 ? 10 : 0);
    return after + 2 <= b.length && isAdts(b, after) ? 'audio/aac' : 'audio/mpeg';
  }
  if (isAdts(b, 0)) return 'audio/aac';
  if (isMpegFrame(b, 0)) return 'audio/mpeg';
  return null;
}

/** ADTS (AAC): 12 bits of sync, layer 00. */
function isAdts(b: Buffer, at: number): boolean {
  return b.length >= at + 2 && byte(b, at) === 0xff && (byte(b, at + 1) & 0xf6) === 0xf0;
}

/** An MPEG audio frame header: 11 bits of sync, a version that exists, a layer, a bitrate and a sample rate that are not reserved. */
function isMpegFrame(b: Buffer, at: number): boolean {
  if (b.length < at + 4 || b[at] !== 0xff || (byte(b, at + 1) & 0xe0) !== 0xe0) return false;
  const version = (byte(b, at + 1) >> 3) & 0x03;
  const layer = (byte(b, at + 1) >> 1) & 0x03;
  const bitrate = (byte(b, at + 2) >> 4) & 0x0f;
  const rate = (byte(b, at + 2) >> 2) & 0x03;
  return version !== 1 && layer !== 0 && bitrate !== 0x0f && rate !== 0x03;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Printable UTF-8 (a character cut at the sample's end allowed), no control characters but tab and line breaks. */
function isText(b: Buffer): boolean {
  const sample = b.subarray(0, 512);
  if (![...sample].every((byte) => byte === 9 || byte === 10 || byte === 13 || (byte >= 32 && byte !== 127))) return false;
  for (let cut = 0; cut < 4 && cut < sample.length; cut++) {
    try {
      utf8.decode(sample.subarray(0, sample.length - cut));
      return true;
    } catch {
      // maybe a character cut at the end: try a byte shorter
    }
  }
  return false;
}

function ascii(b: Buffer, start: number, length: number): string {
  return b.length >= start + length ? b.toString('latin1', start, start + length) : '';
}

function byte(b: Buffer, index: number): number {
  return b[index] ?? 0;
}
