import { encodePng } from '../../src/media/png.js';
import type { TestApp } from './app.js';

/** Image fixtures built in code, and a multipart upload helper. */

let seed = 0;

/** A small PNG; each call gives different bytes (so a different content hash) unless `tint` is repeated. */
export function png(width = 24, height = 16, tint = ++seed): Buffer {
  return encodePng(width, height, (x, y) => [(x * 10 + tint) % 256, (y * 10 + tint * 7) % 256, (tint * 13) % 256]);
}

/** A baseline JPEG header (SOI, APP0/JFIF, SOF0 with the size, then EOI): enough for sniffing. */
export function jpeg(width: number, height: number): Buffer {
  const app0 = [0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00];
  const sof0 = [
    0xff,
    0xc0,
    0x00,
    0x11,
    0x08,
    height >> 8,
    height & 0xff,
    width >> 8,
    width & 0xff,
    0x03,
    0x01,
    0x22,
    0x00,
    0x02,
    0x11,
    0x01,
    0x03,
    0x11,
    0x01,
  ];
  return Buffer.from([0xff, 0xd8, ...app0, ...sof0, 0xff, 0xd9]);
}

/** A lossless WebP header (RIFF/WEBP, VP8L chunk with the size). */
export function webp(width: number, height: number): Buffer {
  const bits = ((width - 1) & 0x3fff) | (((height - 1) & 0x3fff) << 14);
  const vp8l = Buffer.alloc(5);
  vp8l[0] = 0x2f;
  vp8l.writeUInt32LE(bits >>> 0, 1);
  const chunk = Buffer.concat([Buffer.from('VP8L'), u32le(vp8l.length), vp8l, Buffer.alloc(1)]);
  const body = Buffer.concat([Buffer.from('WEBP'), chunk]);
  return Buffer.concat([Buffer.from('RIFF'), u32le(body.length), body]);
}

function u32le(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}

export const SVG = Buffer.from(
  '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(document.cookie)</script></svg>',
);

/** POST /api/media as multipart/form-data; `type` and `name` are what the client claims. */
export async function upload(
  app: TestApp,
  token: string | undefined,
  bytes: Buffer,
  options: { name?: string; type?: string; fields?: Record<string, string>; fieldName?: string } = {},
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary response bodies
): Promise<{ status: number; headers: Headers; body: any; text: string }> {
  const form = new FormData();
  for (const [key, value] of Object.entries(options.fields ?? {})) form.append(key, value);
  form.append(
    options.fieldName ?? 'file',
    new Blob([new Uint8Array(bytes)], { type: options.type ?? 'application/octet-stream' }),
    options.name ?? 'upload.bin',
  );
  const response = await fetch(`${app.url}/api/media`, {
    method: 'POST',
    headers: token ? { authorization: `Bearer ${token}` } : {},
    body: form,
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON
  }
  return { status: response.status, headers: response.headers, body, text };
}
