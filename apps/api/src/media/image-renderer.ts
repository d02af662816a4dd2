import { IMAGE_MAX_PIXELS } from '@newsdesk/contracts';
import sharp, { type Sharp } from 'sharp';
import type { Readable } from 'node:stream';
import type { StoredRendition } from './image-plan.js';

/** The decoded base image any rendition of a job is cut from is kept under this many pixels (memory bound: 24 MP × 4 bytes ≈ 96 MB). */
export const BASE_MAX_PIXELS = 24_000_000;

/** Encoder settings (docs/images.md); changing them means bumping RENDITION_PIPELINE in image-plan.ts. */
export const ENCODERS = {
  'image/jpeg': (image: Sharp) => image.flatten({ background: '#ffffff' }).jpeg({ quality: 80, progressive: true }),
  'image/webp': (image: Sharp) => image.webp({ quality: 75, effort: 2 }),
  'image/avif': (image: Sharp) => image.avif({ quality: 50, effort: 2 }),
} as const;

let configured = false;

/** libvips settings for the whole process: no operation cache (memory), `threads` per image. */
export function configureSharp(threads: number): void {
  if (configured) return;
  configured = true;
  sharp.cache(false);
  sharp.concurrency(threads);
}

/** The upright size of an image from its header (the EXIF orientation applied; nothing decoded). */
export async function uprightSize(bytes: Buffer): Promise<{ width: number; height: number }> {
  const meta = await sharp(bytes, { limitInputPixels: IMAGE_MAX_PIXELS }).metadata();
  if (!meta.width || !meta.height) throw new Error('The image has no readable size');
  const turned = (meta.orientation ?? 1) >= 5;
  return turned ? { width: meta.height, height: meta.width } : { width: meta.width, height: meta.height };
}

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Renders renditions of one original: decodes it once (orientation applied, converted to sRGB,
 * shrunk to the largest scale any of them needs, at most BASE_MAX_PIXELS), then cuts, resizes and
 * encodes each from that base. Nothing of the original's metadata survives (EXIF, GPS, XMP, ICC:
 * the outputs are plain sRGB); JPEGs are flattened on white, WebP and AVIF keep transparency. A
 * damaged original (a truncated JPEG) throws with libvips's reason.
 */
export async function renderRenditions(
  original: Buffer,
  upright: { width: number; height: number },
  todo: StoredRendition[],
  each: (rendition: StoredRendition, bytes: Buffer) => Promise<void>,
): Promise<void> {
  if (!todo.length) return;
  let scale = Math.min(1, Math.max(...todo.map((r) => r.width / r.box.width)));
  scale = Math.min(scale, Math.sqrt(BASE_MAX_PIXELS / (upright.width * upright.height)));
  const baseWidth = Math.max(1, Math.round(upright.width * scale));
  const base = await sharp(original, { limitInputPixels: IMAGE_MAX_PIXELS, failOn: 'truncated' })
    .autoOrient()
    .resize({ width: baseWidth })
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { width, height, channels } = base.info;
  const sx = width / upright.width;
  const sy = height / upright.height;
  for (const rendition of todo) {
    const left = Math.min(width - 1, Math.round(rendition.box.left * sx));
    const top = Math.min(height - 1, Math.round(rendition.box.top * sy));
    const region = {
      left,
      top,
      width: Math.max(1, Math.min(width - left, Math.round(rendition.box.width * sx))),
      height: Math.max(1, Math.min(height - top, Math.round(rendition.box.height * sy))),
    };
    const image = sharp(base.data, { raw: { width, height, channels } })
      .extract(region)
      .resize(rendition.width, rendition.height, { fit: 'fill' });
    await each(rendition, await ENCODERS[rendition.type](image).toBuffer());
  }
}
