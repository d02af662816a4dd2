import { z } from 'zod';
import { VersionSchema } from './common.js';

/**
 * Image renditions (issue 21): the set every uploaded image is rendered to, and the geometry of
 * its crops. Pure functions, shared by the API (which renders and serves) and the admin (which
 * previews a crop before the renditions exist). See docs/images.md for the reasons of the set.
 */

/** The crops made of every image, by the names partners use (NPR CDS rels), and the image's own aspect. */
export const IMAGE_ASPECTS = ['original', 'wide', 'square', 'standard', 'social'] as const;
export type ImageAspect = (typeof IMAGE_ASPECTS)[number];
export const CROP_ASPECTS = ['wide', 'square', 'standard', 'social'] as const;
export type CropAspect = (typeof CROP_ASPECTS)[number];

/** Width / height of each cropped aspect. */
export const ASPECT_RATIOS: Record<CropAspect, number> = { wide: 16 / 9, square: 1, standard: 3 / 2, social: 2 };
export const ASPECT_LABELS: Record<ImageAspect, string> = {
  original: 'Original',
  wide: '16:9',
  square: '1:1',
  standard: '3:2',
  social: '2:1',
};

/** Widths rendered for every aspect, never wider than the crop itself (no upscaling). */
export const RENDITION_WIDTHS = [320, 640, 1024, 1600, 2400] as const;
/** AVIF only up to this width: above it one AVIF encode costs 5-10x a WebP on 2 cores (docs/images.md). */
export const AVIF_MAX_WIDTH = 1024;

export const RENDITION_TYPES = ['image/avif', 'image/webp', 'image/jpeg'] as const;
export type RenditionType = (typeof RENDITION_TYPES)[number];
export const RENDITION_EXTENSIONS: Record<RenditionType, string> = { 'image/avif': 'avif', 'image/webp': 'webp', 'image/jpeg': 'jpg' };

/** Largest image accepted, in pixels (from its header, before anything decodes it): a 60-megapixel camera is the most a newsroom sends. */
export const IMAGE_MAX_PIXELS = 60_000_000;

export const RENDITION_STATES = ['pending', 'encoding', 'ready', 'failed'] as const;
export type RenditionState = (typeof RENDITION_STATES)[number];

const fraction = (name: string) =>
  z
    .number({ error: `${name} is a number from 0 to 1` })
    .min(0, `${name} is from 0 to 1`)
    .max(1, `${name} is from 0 to 1`);

/** A manual crop: a box in fractions of the (upright) image; its width/height must match the aspect. */
export const CropBoxSchema = z.strictObject({
  x: fraction('x'),
  y: fraction('y'),
  width: fraction('width').refine((value) => value > 0, 'width must be more than 0'),
  height: fraction('height').refine((value) => value > 0, 'height must be more than 0'),
});
export type CropBox = z.infer<typeof CropBoxSchema>;

/** Manual crops by aspect; an aspect left out is cropped around the focal point. */
export const CropsSchema = z.strictObject({
  wide: CropBoxSchema.optional(),
  square: CropBoxSchema.optional(),
  standard: CropBoxSchema.optional(),
  social: CropBoxSchema.optional(),
});
export type Crops = z.infer<typeof CropsSchema>;

export const FocalSchema = z.object({ x: z.number(), y: z.number() });

/** A crop in pixels of the upright image. */
export interface PixelBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The pixel the focal point names (inside the image). */
export function focalPixel(imageWidth: number, imageHeight: number, focalX: number, focalY: number): { x: number; y: number } {
  return {
    x: Math.min(imageWidth - 1, Math.max(0, Math.floor(focalX * imageWidth))),
    y: Math.min(imageHeight - 1, Math.max(0, Math.floor(focalY * imageHeight))),
  };
}

/** A manual box in pixels (rounded, kept inside the image). */
export function manualBox(imageWidth: number, imageHeight: number, box: CropBox): PixelBox {
  const left = Math.min(imageWidth - 1, Math.round(box.x * imageWidth));
  const top = Math.min(imageHeight - 1, Math.round(box.y * imageHeight));
  return {
    left,
    top,
    width: Math.max(1, Math.min(imageWidth - left, Math.round(box.width * imageWidth))),
    height: Math.max(1, Math.min(imageHeight - top, Math.round(box.height * imageHeight))),
  };
}

/**
 * The crop of one aspect: the manual box when there is one, else the largest box of the aspect's
 * ratio centred on the focal point and moved back inside the image (so the focal pixel is always
 * inside it). `original` is the whole image.
 */
export function cropBox(
  imageWidth: number,
  imageHeight: number,
  aspect: ImageAspect,
  focal: { x: number; y: number },
  crops: Crops = {},
): PixelBox {
  if (aspect === 'original') return { left: 0, top: 0, width: imageWidth, height: imageHeight };
  const manual = crops[aspect];
  if (manual) return manualBox(imageWidth, imageHeight, manual);
  const ratio = ASPECT_RATIOS[aspect];
  const width = Math.max(1, Math.min(imageWidth, Math.round(imageHeight * ratio)));
  const height = Math.max(1, Math.min(imageHeight, Math.round(width / ratio)));
  const pixel = focalPixel(imageWidth, imageHeight, focal.x, focal.y);
  const clamp = (value: number, min: number, max: number) => Math.max(min, Math.min(max, value));
  // Centred on the focal point, kept so that its pixel is inside, then moved back into the image (which keeps it inside).
  const place = (centre: number, size: number, focalPx: number, extent: number) =>
    clamp(clamp(Math.round(centre - size / 2), focalPx - size + 1, focalPx), 0, extent - size);
  return {
    left: place(focal.x * imageWidth, width, pixel.x, imageWidth),
    top: place(focal.y * imageHeight, height, pixel.y, imageHeight),
    width,
    height,
  };
}

/** Whether a pixel is inside a box. */
export function boxContains(box: PixelBox, point: { x: number; y: number }): boolean {
  return point.x >= box.left && point.x < box.left + box.width && point.y >= box.top && point.y < box.top + box.height;
}

/**
 * Why a manual crop cannot be used, or null: its shape must be the aspect's (within 2 %) and the
 * focal point must lie inside it (the promise every crop keeps).
 */
export function manualCropProblem(
  imageWidth: number,
  imageHeight: number,
  aspect: CropAspect,
  box: CropBox,
  focal: { x: number; y: number },
): string | null {
  if (box.x + box.width > 1.0001 || box.y + box.height > 1.0001)
    return 'The crop reaches outside the image (x + width and y + height are at most 1)';
  const pixels = manualBox(imageWidth, imageHeight, box);
  const ratio = pixels.width / pixels.height;
  const wanted = ASPECT_RATIOS[aspect];
  if (Math.abs(ratio / wanted - 1) > 0.02)
    return `A ${ASPECT_LABELS[aspect]} crop must be ${ASPECT_LABELS[aspect]}: this one is ${pixels.width} × ${pixels.height} pixels`;
  if (!boxContains(pixels, focalPixel(imageWidth, imageHeight, focal.x, focal.y)))
    return 'The crop must contain the focal point (move the focal point or the crop)';
  return null;
}

/** One rendition to make: the crop, the output size and type. */
export interface PlannedRendition {
  aspect: ImageAspect;
  box: PixelBox;
  width: number;
  height: number;
  type: RenditionType;
}

/** The widths of a crop `cropWidth` pixels wide: the standard widths up to it, or the crop's own width when it is narrower than the smallest. */
export function renditionWidths(cropWidth: number): number[] {
  const widths: number[] = RENDITION_WIDTHS.filter((width) => width <= cropWidth);
  return widths.length ? widths : [cropWidth];
}

/** Every rendition of an image, in a stable order (aspect, width, type). */
export function planRenditions(
  imageWidth: number,
  imageHeight: number,
  focal: { x: number; y: number },
  crops: Crops = {},
): PlannedRendition[] {
  const planned: PlannedRendition[] = [];
  for (const aspect of IMAGE_ASPECTS) {
    const box = cropBox(imageWidth, imageHeight, aspect, focal, crops);
    for (const width of renditionWidths(box.width)) {
      const height = Math.max(1, Math.round((width * box.height) / box.width));
      for (const type of RENDITION_TYPES) {
        if (type === 'image/avif' && width > AVIF_MAX_WIDTH) continue;
        planned.push({ aspect, box, width, height, type });
      }
    }
  }
  return planned;
}

export const ImageRenditionSchema = z.object({
  url: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  type: z.enum(RENDITION_TYPES),
  aspect: z.enum(IMAGE_ASPECTS),
});
export type ImageRendition = z.infer<typeof ImageRenditionSchema>;

/** What an `<img srcset>` / `<source srcset>` needs for one aspect. */
export const ImageSrcsetSchema = z.object({
  /** The JPEG near 1024 px: `<img src>` for browsers without srcset. */
  src: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  avif: z.string(),
  webp: z.string(),
  jpeg: z.string(),
  sizes: z.string(),
});
export type ImageSrcset = z.infer<typeof ImageSrcsetSchema>;

/** The delivery part of a public image: every rendition, and a ready srcset per aspect. */
export const ImageDeliverySchema = z.object({
  renditions: z.array(ImageRenditionSchema),
  srcset: z.partialRecord(z.enum(IMAGE_ASPECTS), ImageSrcsetSchema),
});
export type ImageDelivery = z.infer<typeof ImageDeliverySchema>;

/** The default `sizes`: full width on phones, about two thirds of a wide screen. */
export const DEFAULT_SIZES = '(max-width: 700px) 100vw, 680px';

/** The srcsets of a set of renditions, by aspect. */
export function srcsets(renditions: readonly ImageRendition[], sizes = DEFAULT_SIZES): ImageDelivery['srcset'] {
  const out: ImageDelivery['srcset'] = {};
  for (const aspect of IMAGE_ASPECTS) {
    const mine = renditions.filter((r) => r.aspect === aspect);
    if (!mine.length) continue;
    const list = (type: RenditionType) =>
      mine
        .filter((r) => r.type === type)
        .sort((a, b) => a.width - b.width)
        .map((r) => `${r.url} ${r.width}w`)
        .join(', ');
    const jpegs = mine.filter((r) => r.type === 'image/jpeg').sort((a, b) => a.width - b.width);
    const fallback = jpegs.filter((r) => r.width <= 1024).pop() ?? jpegs[0];
    if (!fallback) continue;
    out[aspect] = {
      src: fallback.url,
      width: fallback.width,
      height: fallback.height,
      avif: list('image/avif'),
      webp: list('image/webp'),
      jpeg: list('image/jpeg'),
      sizes,
    };
  }
  return out;
}

/** A rendition's public path. */
export function renditionPath(key: string, type: RenditionType): string {
  return `/api/public/images/${key}.${RENDITION_EXTENSIONS[type]}`;
}

/** A rendition file name as the public route takes it: the 64-hex key and the type's extension. */
export const RenditionFileParamSchema = z.strictObject({
  file: z
    .string()
    .regex(/^[0-9a-f]{64}\.(avif|webp|jpg)$/, 'A rendition file is its 64-character key and .avif, .webp or .jpg')
    .max(80),
});

/** The rendering state of an image as staff see it (admin: progress, failure, retry). */
export const ImageRenditionStatusSchema = z.object({
  state: z.enum(RENDITION_STATES),
  done: z.number().int(),
  total: z.number().int(),
  error: z.string().nullable(),
  attempts: z.number().int(),
  /** The renditions of the current crops that exist, with their sizes in bytes. */
  items: z.array(ImageRenditionSchema.extend({ byteSize: z.number().int() })),
});
export type ImageRenditionStatus = z.infer<typeof ImageRenditionStatusSchema>;

/** Asks again for the renditions of an image whose job failed. */
export const RetryImageRenditionsSchema = z.strictObject({ version: VersionSchema });
