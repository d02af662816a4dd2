import type { ImageAspect, ImageRendition, RenditionType } from './images.js';

/**
 * A story's lead photo in the outputs that are not the public JSON (feeds, the NPR CDS document,
 * JSON-LD, ninjs, podcast episodes): what they take of a public image (PublicImageSchema, so only
 * a publishable image ever reaches them) and the one choice of files they all make. Pure.
 *
 * The files are JPEGs: every consumer takes them (feed readers, NPR, search engines, podcast apps,
 * which refuse WebP/AVIF), and the JPEG exists at every width of every aspect (docs/images.md).
 */
export interface OutputImage {
  alt: string;
  credit: string;
  caption: string;
  width: number;
  height: number;
  renditions: ImageRendition[];
}

/** One file of an output, with an absolute URL. */
export interface OutputImageFile {
  url: string;
  width: number;
  height: number;
  type: RenditionType;
  aspect: ImageAspect;
}

/** A path of the API (`/api/public/images/…`) made absolute with PUBLIC_API_URL; an absolute URL stays. */
export const absoluteUrl = (api: string, url: string) => (url.startsWith('/') ? `${api}${url}` : url);

/** The largest rendition of an aspect and type no wider than `maxWidth`, as an absolute file; undefined when the aspect has none. */
export function largestRendition(
  image: Pick<OutputImage, 'renditions'>,
  api: string,
  aspect: ImageAspect,
  maxWidth = Number.POSITIVE_INFINITY,
  type: RenditionType = 'image/jpeg',
): OutputImageFile | undefined {
  const best = image.renditions
    .filter((r) => r.aspect === aspect && r.type === type && r.width <= maxWidth)
    .sort((a, b) => b.width - a.width)[0];
  return best && { url: absoluteUrl(api, best.url), width: best.width, height: best.height, type: best.type, aspect: best.aspect };
}

/** The aspects outputs offer, in this order: the image's own first (the "primary" picture), then the crops partners ask for. */
export const OUTPUT_ASPECTS = ['original', 'wide', 'standard', 'square', 'social'] as const satisfies readonly ImageAspect[];

/** The largest JPEG of each aspect the image has (at most `maxWidth` wide), in OUTPUT_ASPECTS order. */
export function outputFiles(image: Pick<OutputImage, 'renditions'>, api: string, maxWidth?: number): OutputImageFile[] {
  return OUTPUT_ASPECTS.map((aspect) => largestRendition(image, api, aspect, maxWidth)).filter(
    (file): file is OutputImageFile => file !== undefined,
  );
}
