import { sniffAudio } from './audio-sniff.js';

const bytes = (...parts: Array<string | number[]>) =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))));

describe('sniffAudio', () => {
  it.each([
    ['ID3 + MPEG frame', bytes('ID3', [4, 0, 0, 0, 0, 0, 0], [0xff, 0xfb, 0x90, 0x64]), 'audio/mpeg'],
    ['bare MPEG frame', bytes([0xff, 0xfb, 0x90, 0x64, 0, 0]), 'audio/mpeg'],
    ['ADTS', bytes([0xff, 0xf1, 0x50, 0x80, 0, 0]), 'audio/aac'],
    ['ID3 + ADTS', bytes('ID3', [4, 0, 0, 0, 0, 0, 0], [0xff, 0xf1, 0x50, 0x80]), 'audio/aac'],
    ['M4A', bytes([0, 0, 0, 0x20], 'ftypM4A ', [0, 0, 0, 0]), 'audio/mp4'],
    ['WAV', bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt '), 'audio/wav'],
    ['FLAC', bytes('fLaC', [0, 0, 0, 0x22]), 'audio/flac'],
    ['Ogg', bytes('OggS', [0, 2]), 'audio/ogg'],
  ])('takes %s', (_, head, type) => {
    expect(sniffAudio(head)).toEqual({ ok: true, contentType: type });
  });

  it.each([
    ['an HTML page', bytes('<!DOCTYPE html><html></html>'), 'text/html'],
    ['a PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'IHDR'), 'image/png'],
    ['a WebP', bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '), 'image/webp'],
    ['a HEIC photo', bytes([0, 0, 0, 0x18], 'ftypheic'), 'image/heic'],
    ['text', bytes('hello'), 'text/plain'],
    ['reserved MPEG bits', bytes([0xff, 0xff, 0xff, 0xff]), 'application/octet-stream'],
    ['nothing', Buffer.alloc(0), 'an empty file'],
  ])('refuses %s, naming it', (_, head, detected) => {
    const result = sniffAudio(head);
    expect(result).toMatchObject({ ok: false, detected });
    if (!result.ok) expect(result.reason).toContain(detected === 'an empty file' ? 'empty' : detected);
  });
});
