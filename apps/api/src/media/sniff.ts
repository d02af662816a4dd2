import type { MediaType } from '@newsdesk/contracts';

export type SniffResult = { ok: true; contentType: MediaType; width: number; height: number } | { ok: false; reason: string };

const ACCEPTED = 'Upload a JPEG, PNG or WebP image.';

/**
 * What an upload really is, from its bytes alone (the file name and the declared type are never
 * trusted), with the image's pixel size read from its header (no decoding, no native code).
 * Anything but a readable JPEG, PNG or WebP is refused with a reason an editor can act on.
 */
export function sniffImage(bytes: Buffer): SniffResult {
  if (bytes.length === 0) return { ok: false, reason: 'The file is empty.' };
  const kind = detect(bytes);
  if (kind === 'png') return sized('image/png', pngSize(bytes), 'PNG');
  if (kind === 'jpeg') return sized('image/jpeg', jpegSize(bytes), 'JPEG');
  if (kind === 'webp') return sized('image/webp', webpSize(bytes), 'WebP');
  return { ok: false, reason: `${REFUSED[kind]} ${ACCEPTED}` };
}

type Kind = 'png' | 'jpeg' | 'webp' | 'svg' | 'gif' | 'pdf' | 'html' | 'heic' | 'avif' | 'bmp' | 'tiff' | 'unknown';

const REFUSED: Record<Exclude<Kind, 'png' | 'jpeg' | 'webp'>, string> = {
  svg: 'SVG images are not accepted: they can carry scripts.',
  gif: 'GIF images are not accepted.',
  pdf: 'This is a PDF, not an image.',
  html: 'This is an HTML document, not an image.',
  heic: 'HEIC images are not accepted (export the photo as JPEG).',
  avif: 'AVIF images are not accepted yet.',
  bmp: 'BMP images are not accepted.',
  tiff: 'TIFF images are not accepted.',
  unknown: 'This file is not an image we recognize (its contents were checked, not its name).',
};

const MIME: Record<Kind, string | null> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  gif: 'image/gif',
  pdf: 'application/pdf',
  html: 'text/html',
  heic: 'image/heic',
  avif: 'image/avif',
  bmp: 'image/bmp',
  tiff: 'image/tiff',
  unknown: null,
};

/** The media type of the images and documents this sniffer knows (for other features' refusals: "this is text/html"), or null. */
export function sniffedType(bytes: Buffer): string | null {
  return bytes.length ? MIME[detect(bytes)] : null;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function detect(b: Buffer): Kind {
  if (b.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png';
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return 'webp';
  if (ascii(b, 0, 4) === 'GIF8') return 'gif';
  if (ascii(b, 0, 5) === '%PDF-') return 'pdf';
  if (ascii(b, 0, 2) === 'BM') return 'bmp';
  if (ascii(b, 0, 4) === 'II*\u0000' || ascii(b, 0, 4) === 'MM\u0000*') return 'tiff';
  if (ascii(b, 4, 4) === 'ftyp') {
    const brand = ascii(b, 8, 4);
    if (brand.startsWith('avi')) return 'avif';
    if (/^(heic|heix|hevc|mif1|msf1)$/.test(brand)) return 'heic';
  }
  // Text formats: look past a BOM, whitespace and comments at the start.
  const head = b
    .subarray(0, 4096)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  if (/<svg[\s>]/.test(head) || (head.startsWith('<?xml') && head.includes('svg'))) return 'svg';
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || head.startsWith('<script')) return 'html';
  return 'unknown';
}

function sized(contentType: MediaType, size: { width: number; height: number } | null, name: string): SniffResult {
  if (!size || size.width < 1 || size.height < 1)
    return { ok: false, reason: `This ${name} file is damaged or incomplete: its size could not be read. ${ACCEPTED}` };
  return { ok: true, contentType, ...size };
}

function ascii(b: Buffer, start: number, length: number): string {
  return b.length >= start + length ? b.toString('latin1', start, start + length) : '';
}

/** PNG: the IHDR chunk comes first, width and height big-endian at bytes 16..23. */
function pngSize(b: Buffer): { width: number; height: number } | null {
  if (b.length < 24 || ascii(b, 12, 4) !== 'IHDR') return null;
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/** JPEG: walk the marker segments to the first start-of-frame (SOF0..SOF15 but DHT, JPG, DAC). */
function jpegSize(b: Buffer): { width: number; height: number } | null {
  let offset = 2;
  while (offset + 4 <= b.length) {
    if (b[offset] !== 0xff) return null;
    // offset + 4 <= length: the marker byte is there.
    const marker = b.readUInt8(offset + 1);
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2; // markers without a length
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null; // end of image or start of scan before any frame
    const length = b.readUInt16BE(offset + 2);
    if (length < 2) return null;
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) {
      if (offset + 9 > b.length) return null;
      return { height: b.readUInt16BE(offset + 5), width: b.readUInt16BE(offset + 7) };
    }
    offset += 2 + length;
  }
  return null;
}

/** WebP: the first chunk is VP8 (lossy), VP8L (lossless) or VP8X (extended, with the canvas size). */
function webpSize(b: Buffer): { width: number; height: number } | null {
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8 ') {
    if (b.length < 30 || b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a) return null;
    return { width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff };
  }
  if (chunk === 'VP8L') {
    if (b.length < 25 || b[20] !== 0x2f) return null;
    const bits = b.readUInt32LE(21);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') {
    if (b.length < 30) return null;
    return { width: b.readUIntLE(24, 3) + 1, height: b.readUIntLE(27, 3) + 1 };
  }
  return null;
}
