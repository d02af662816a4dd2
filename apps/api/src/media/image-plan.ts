import {
  planRenditions,
  renditionPath,
  srcsets,
  type Crops,
  type ImageAspect,
  type ImageDelivery,
  type ImageRendition,
  type PixelBox,
  type RenditionType,
} from '@newsdesk/contracts';
import { createHash } from 'node:crypto';

/**
 * Bumped whenever the encoder's settings change (quality, effort, colour handling): every key
 * changes with it, so a URL always names the same bytes.
 */
export const RENDITION_PIPELINE = 'newsdesk-renditions-2';

/** One rendition as the job row stores it: its recipe and the key (storage key and URL) made from it. */
export interface StoredRendition {
  key: string;
  aspect: ImageAspect;
  box: PixelBox;
  width: number;
  height: number;
  type: RenditionType;
}

export interface RenditionPlan {
  planKey: string;
  renditions: StoredRendition[];
  delivery: ImageDelivery;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The renditions of an image for its focal point and crops, each keyed by the hash of its recipe
 * (the original's sha256, the pipeline, the aspect, the crop box, the size and the type): the key
 * is content addressing by construction, so a crop change gives new keys and never changes the
 * bytes behind a published URL. The plan's key is the hash of its renditions' keys.
 */
export function renditionPlan(image: {
  sha256: string;
  width: number;
  height: number;
  focal_x: number;
  focal_y: number;
  crops: Crops;
}): RenditionPlan {
  const planned = planRenditions(image.width, image.height, { x: image.focal_x, y: image.focal_y }, image.crops);
  const renditions = planned.map((r) => {
    const { left, top, width, height } = r.box;
    const recipe = [RENDITION_PIPELINE, image.sha256, r.aspect, `${left},${top},${width},${height}`, `${r.width}x${r.height}`, r.type].join(
      '|',
    );
    return { key: sha256(recipe), ...r };
  });
  const files: ImageRendition[] = renditions.map((r) => ({
    url: renditionPath(r.key, r.type),
    width: r.width,
    height: r.height,
    type: r.type,
    aspect: r.aspect,
  }));
  return {
    planKey: sha256(`${RENDITION_PIPELINE}|${renditions.map((r) => r.key).join(',')}`),
    renditions,
    delivery: { renditions: files, srcset: srcsets(files) },
  };
}
