import { z } from 'zod';
import { IdSchema, VersionSchema } from './common.js';
import { CropsSchema, FocalSchema, ImageDeliverySchema, ImageRenditionStatusSchema } from './images.js';

/**
 * Media: uploaded images, stored once per content (sha256) and served back from
 * `GET /api/media/:id` with long, immutable cache headers. The type is sniffed from the bytes;
 * the file name and the declared Content-Type are never trusted.
 */
export const MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const MediaTypeSchema = z.enum(MEDIA_TYPES);
export type MediaType = z.infer<typeof MediaTypeSchema>;

/** Largest upload accepted (bytes); a larger one is refused with 413. */
export const MEDIA_MAX_BYTES = 10 * 1024 * 1024;
export const MEDIA_ALT_MAX = 500;
export const MEDIA_CREDIT_MAX = 300;
export const MEDIA_CAPTION_MAX = 1000;

const alt = z.string().trim().max(MEDIA_ALT_MAX, `Alt text has at most ${MEDIA_ALT_MAX} characters`);
const credit = z.string().trim().max(MEDIA_CREDIT_MAX, `A credit has at most ${MEDIA_CREDIT_MAX} characters`);
const caption = z
  .string()
  .trim()
  .max(MEDIA_CAPTION_MAX, `A caption has at most ${MEDIA_CAPTION_MAX.toLocaleString('en-US')} characters`);

/** Text fields that may accompany the file in the multipart upload (`file` is the image itself). */
export const UploadMediaFieldsSchema = z.strictObject({ alt: alt.optional(), credit: credit.optional() });
export type UploadMediaFields = z.input<typeof UploadMediaFieldsSchema>;

export const UpdateMediaSchema = z.strictObject({
  version: VersionSchema,
  /** Describes the image for readers who cannot see it; required before a profile or story using it is published. */
  alt: alt.optional(),
  /** Who made the image ("Jane Doe/Newsdesk"); required before publication, like alt. */
  credit: credit.optional(),
  /** What the photo shows in this context, for readers (optional; shown under the image with the credit). */
  caption: caption.optional(),
  /** The focal point, in fractions of the upright image from its left and top edges: every crop keeps it in view. */
  focalX: z.number({ error: 'focalX is a number from 0 to 1' }).min(0, 'focalX is from 0 to 1').max(1, 'focalX is from 0 to 1').optional(),
  focalY: z.number({ error: 'focalY is a number from 0 to 1' }).min(0, 'focalY is from 0 to 1').max(1, 'focalY is from 0 to 1').optional(),
  /** Manual crops by aspect (replaces every manual crop; `{}` returns all to the focal point). */
  crops: CropsSchema.optional(),
});
export type UpdateMediaInput = z.input<typeof UpdateMediaSchema>;

export const MediaSchema = z.object({
  id: IdSchema,
  /** Hex sha256 of the bytes: the storage key; uploading the same bytes again returns this record. */
  sha256: z.string(),
  contentType: MediaTypeSchema,
  byteSize: z.number().int(),
  width: z.number().int(),
  height: z.number().int(),
  /** The uploaded file's name, for the staff's reference only. */
  originalName: z.string(),
  alt: z.string(),
  credit: z.string(),
  /** '' when none. */
  caption: z.string(),
  /** Where the original is served (staff only unless MEDIA_ORIGINALS_PUBLIC): `/api/media/<id>`. */
  url: z.string(),
  focalX: z.number(),
  focalY: z.number(),
  crops: CropsSchema,
  /** The renditions of the current focal point and crops: their state and the files made so far. */
  renditions: ImageRenditionStatusSchema,
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Media = z.infer<typeof MediaSchema>;

/**
 * An image as the public API shows it: `url` is the original (public, as before); `renditions` are
 * the sized files of every aspect (immutable URLs, one per type: no content negotiation), and
 * `srcset` is ready for a `<picture>` per aspect. No renditions until they are made.
 */
export const PublicImageSchema = z
  .object({
    url: z.string(),
    alt: z.string(),
    credit: z.string(),
    /** '' when none. */
    caption: z.string(),
    width: z.number().int(),
    height: z.number().int(),
    focal: FocalSchema,
  })
  .extend(ImageDeliverySchema.shape);
export type PublicImage = z.infer<typeof PublicImageSchema>;

/** The path an image is served at (relative to the API's origin). */
export function mediaPath(id: string): string {
  return `/api/media/${id}`;
}
