import sharp, { type Metadata } from 'sharp';
import type { TestApp } from './app.js';

/** Image fixtures made with sharp (real, decodable images), and waiting for an image's renditions. */

/** A JPEG `width` × `height`: left half red, right half blue (as stored, before any EXIF orientation). */
export async function halvesJpeg(width: number, height: number, exif: { orientation?: number; gps?: boolean } = {}): Promise<Buffer> {
  const half = Math.floor(width / 2);
  let image = sharp({ create: { width, height, channels: 3, background: '#0000ff' } }).composite([
    { input: { create: { width: half, height, channels: 3, background: '#ff0000' } }, left: 0, top: 0 },
  ]);
  if (exif.gps)
    image = image.withExif({
      IFD0: { Copyright: 'Test Photographer', Artist: 'Test Photographer' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 30/1', GPSLongitudeRef: 'E', GPSLongitude: '2/1 17/1 40/1' },
    });
  const jpeg = await image.jpeg({ quality: 90 }).toBuffer();
  return exif.orientation ? sharp(jpeg).withMetadata({ orientation: exif.orientation }).jpeg({ quality: 90 }).toBuffer() : jpeg;
}

/** A black image with a green square of `size` pixels centred at (x, y). */
export async function markedJpeg(width: number, height: number, x: number, y: number, size = 40): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#000000' } })
    .composite([
      {
        input: { create: { width: size, height: size, channels: 3, background: '#00ff00' } },
        left: Math.max(0, x - size / 2),
        top: Math.max(0, y - size / 2),
      },
    ])
    .jpeg({ quality: 95 })
    .toBuffer();
}

/** A PNG whose left half is transparent and right half opaque red. */
export async function transparentPng(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
    .composite([
      {
        input: { create: { width: Math.floor(width / 2), height, channels: 4, background: '#ff0000ff' } },
        left: Math.ceil(width / 2),
        top: 0,
      },
    ])
    .png()
    .toBuffer();
}

/** A CMYK JPEG (as print workflows send them). */
export async function cmykJpeg(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#2a7ab0' } })
    .toColourspace('cmyk')
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** A PNG header declaring a huge canvas (a decompression bomb), with a few bytes of data. */
export function bombPng(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(25);
  ihdr.writeUInt32BE(13, 0);
  ihdr.write('IHDR', 4, 'latin1');
  ihdr.writeUInt32BE(width, 8);
  ihdr.writeUInt32BE(height, 12);
  ihdr[16] = 8; // bit depth
  ihdr[17] = 2; // RGB
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ihdr, Buffer.alloc(64)]);
}

/** The media record once its renditions are ready or failed. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary response bodies
export async function renditionsSettled(app: TestApp, token: string, mediaId: string, timeoutMs = 120_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { status, body } = await app.request('GET', `/api/media/${mediaId}/record`, { token });
    if (status !== 200) throw new Error(`media record: ${status}`);
    if (body.renditions.state === 'ready' || body.renditions.state === 'failed') return body;
    if (Date.now() > deadline) throw new Error(`renditions of ${mediaId} still ${body.renditions.state}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A rendition's bytes, and sharp's metadata of them. */
export async function fetchRendition(
  app: TestApp,
  url: string,
): Promise<{ status: number; headers: Headers; bytes: Buffer; meta: Metadata }> {
  const response = await fetch(`${app.url}${url}`);
  const bytes = Buffer.from(await response.arrayBuffer());
  return {
    status: response.status,
    headers: response.headers,
    bytes,
    meta: response.status === 200 ? await sharp(bytes).metadata() : ({} as Metadata),
  };
}

/** The RGB(A) of one pixel of an encoded image. */
export async function pixel(bytes: Buffer, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
  const offset = (y * info.width + x) * info.channels;
  return [...data.subarray(offset, offset + info.channels)];
}

/** Waits until no image rendition job is pending or encoding (tests that count storage traffic or files). */
export async function renditionsIdle(app: TestApp, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [open] = (await app.db.query(
      `SELECT count(*)::int AS n FROM image_rendition_jobs WHERE state IN ('pending', 'encoding')`,
    )) as Array<{
      n: number;
    }>;
    if (!open?.n) return;
    if (Date.now() > deadline) throw new Error(`${open.n} image rendition jobs still open`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
