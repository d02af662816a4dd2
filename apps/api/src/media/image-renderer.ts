import { IMAGE_MAX_PIXELS } from '@newsdesk/contracts';
import sharp, { type Sharp } from 'sharp';
import type { Readable } from 'node:stream';
import type { StoredRendition } from './image-plan.js';

/** The decoded base image any rendition of a job is cut from is kept under this many pixels (memory bound: 24 MP × 4 bytes ≈ 96 MB). */
export const BASE_MAX_PIXELS = 24_000_000;

/**
 * Encoder settings by type and output width (docs/images.md); changing them means bumping
 * RENDITION_PIPELINE in image-plan.ts. AVIF above 640 px is encoded at effort 0: half the CPU time
 * of effort 2 at 1024 px, and still smaller than the WebP (measured: 4.7 KB vs 5.6 KB on the demo
 * scene); at 640 px and below effort 2 is kept, where effort 0 would be larger than the WebP.
 */
export const ENCODERS = {
  'image/jpeg': (image: Sharp) => image.flatten({ background: '#ffffff' }).jpeg({ quality: 80, progressive: true }),
  'image/webp': (image: Sharp) => image.webp({ quality: 75, effort: 2 }),
  'image/avif': (image: Sharp, width: number) => image.avif({ quality: 50, effort: width > 640 ? 0 : 2 }),
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
 * Renders renditions of one original, doing as little work as it can (docs/images.md, "Rendition
 * time"):
 * - the original is decoded once, with JPEG shrink-on-load (libvips decodes at 1/2, 1/4 or 1/8 of
 *   the size when the largest rendition needs no more), orientation applied, converted to sRGB, and
 *   kept as a raw base at the largest scale any rendition needs (at most BASE_MAX_PIXELS);
 * - per crop (aspect and box), the sizes are made largest first, each resized from the one before
 *   (a 320-px rendition is resized from the 640-px one, not from the 2400-px base);
 * - each size is resized once and encoded in every type from that one raw buffer, the types in
 *   parallel (libvips threads from the pool, IMAGE_THREADS each).
 * Nothing of the original's metadata survives (EXIF, GPS, XMP, ICC: the outputs are plain sRGB);
 * JPEGs are flattened on white, WebP and AVIF keep transparency. A damaged original (a truncated
 * JPEG) throws with libvips's reason. `each` is called once per rendition, one at a time.
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
    .resize({ width: baseWidth, fastShrinkOnLoad: true })
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { width, height, channels } = base.info;
  const sx = width / upright.width;
  const sy = height / upright.height;
  // Renditions by crop, then by size (largest first): one resize per size, every type encoded from it.
  interface Size {
    width: number;
    height: number;
    items: StoredRendition[];
  }
  const crops = new Map<string, { box: StoredRendition['box']; sizes: Map<string, Size> }>();
  for (const rendition of todo) {
    const { left, top, width: w, height: h } = rendition.box;
    const key = `${rendition.aspect}|${left},${top},${w},${h}`;
    const crop = crops.get(key) ?? { box: rendition.box, sizes: new Map<string, Size>() };
    crops.set(key, crop);
    const sizeKey = `${rendition.width}x${rendition.height}`;
    const size = crop.sizes.get(sizeKey) ?? { width: rendition.width, height: rendition.height, items: [] };
    crop.sizes.set(sizeKey, size);
    size.items.push(rendition);
  }
  for (const { box, sizes } of crops.values()) {
    const left = Math.min(width - 1, Math.round(box.left * sx));
    const top = Math.min(height - 1, Math.round(box.top * sy));
    const region = {
      left,
      top,
      width: Math.max(1, Math.min(width - left, Math.round(box.width * sx))),
      height: Math.max(1, Math.min(height - top, Math.round(box.height * sy))),
    };
    // The source of the next (smaller) size: the crop of the base first, then each size made.
    let source = sharp(base.data, { raw: { width, height, channels } }).extract(region);
    for (const size of [...sizes.values()].sort((a, b) => b.width - a.width)) {
      const sized = await source.resize(size.width, size.height, { fit: 'fill' }).raw().toBuffer({ resolveWithObject: true });
      const raw = { raw: { width: sized.info.width, height: sized.info.height, channels: sized.info.channels } };
      const encoded = await Promise.all(
        size.items.map(async (rendition) => ({
          rendition,
          bytes: await ENCODERS[rendition.type](sharp(sized.data, raw), size.width).toBuffer(),
        })),
      );
      for (const { rendition, bytes } of encoded) await each(rendition, bytes);
      source = sharp(sized.data, raw);
    }
  }
}
