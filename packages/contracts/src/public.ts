import { z } from 'zod';
import { CursorSchema, LimitSchema, pageOf } from './common.js';
import { PublicAudioSchema } from './audio.js';
import { PublicImageSchema } from './media.js';
import { PublicTranscriptSchema } from './transcript/schemas.js';
import { NewsArticleJsonLdSchema } from './open-web.js';

/** Shapes of the public read API: published content only, never ids of drafts or staff data. */

/**
 * Public query strings are strict: an unknown parameter is a 400 naming it, so `?cb=<random>`
 * cannot mint a new cache entry per request (the cache key is the validated query, normalised).
 * No parameter is exempt as "cache-busting safe": none is needed by the API's clients.
 */
/** An ISO 8601 instant within years 1 to 9999 (PostgreSQL has no year 0; JavaScript dates end in 275760). */
const instant = z.iso.datetime({ offset: true }).refine((value) => {
  const year = new Date(value).getUTCFullYear();
  return year >= 1 && year <= 9999;
}, 'Use an instant between the years 1 and 9999');

export const NoQuerySchema = z.strictObject({});

export const PublicStoriesQuerySchema = z.strictObject({
  limit: LimitSchema,
  cursor: CursorSchema.optional(),
  /** Slugs. */
  tag: z.string().max(120).optional(),
  correspondent: z.string().max(120).optional(),
  program: z.string().max(120).optional(),
});

/** A tag page's paging of its stories. */
export const PublicTagQuerySchema = PublicStoriesQuerySchema.pick({ limit: true, cursor: true });

export const PublicSearchQuerySchema = z.strictObject({
  q: z.string().trim().min(1, 'Enter words to search for').max(200),
  tag: z.string().max(120).optional(),
  correspondent: z.string().max(120).optional(),
  from: instant.optional(),
  to: instant.optional(),
  limit: LimitSchema,
  cursor: CursorSchema.optional(),
});
export type PublicSearchQuery = z.infer<typeof PublicSearchQuerySchema>;
export type PublicStoriesQuery = z.infer<typeof PublicStoriesQuerySchema>;

export const PublicBylineSchema = z.object({
  name: z.string(),
  slug: z.string(),
  title: z.string().nullable(),
  /** The correspondent's profile is published: `/api/public/correspondents/{slug}` (their page) exists. */
  hasPage: z.boolean(),
});
export const PublicTagSchema = z.object({ name: z.string(), slug: z.string(), type: z.string() });
export const PublicCorrectionSchema = z.object({ text: z.string(), correctedAt: z.string() });

/** An image of a story's body, in order: absolute URL, alt text, credit, and the pixel size of an uploaded one (else null). */
export const PublicStoryImageSchema = z.object({
  url: z.string(),
  alt: z.string(),
  credit: z.string(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
});

export const PublicStorySummarySchema = z.object({
  slug: z.string(),
  headline: z.string(),
  teaser: z.string(),
  dateline: z.string(),
  publishedAt: z.string(),
});
export type PublicStorySummary = z.infer<typeof PublicStorySummarySchema>;

export const PublicStoryPageSchema = pageOf(PublicStorySummarySchema);

export const PublicSearchResultSchema = PublicStorySummarySchema.extend({ snippet: z.string(), rank: z.number() });
export const PublicSearchPageSchema = pageOf(PublicSearchResultSchema);

export const PublicTagPageSchema = z.object({
  tag: PublicTagSchema,
  stories: PublicStoryPageSchema,
});
export type PublicStoryPage = z.infer<typeof PublicStoryPageSchema>;

export const PublicStorySchema = PublicStorySummarySchema.extend({
  bodyHtml: z.string(),
  credit: z.string(),
  /**
   * The lead photo with its renditions and a srcset per aspect (the same shape as a correspondent's
   * photo), or null: none, or not publishable (alt text, credit and ready renditions are required).
   */
  image: PublicImageSchema.nullable(),
  updatedAt: z.string(),
  bylines: z.array(PublicBylineSchema),
  tags: z.array(PublicTagSchema),
  corrections: z.array(PublicCorrectionSchema),
  transcript: PublicTranscriptSchema,
  /** The story's public audio in order (streamable and inside its window only); the first is primary when `primary` says so. */
  audioItems: z.array(PublicAudioSchema),
  /** Deprecated (one release): the primary audio as `{ url, durationSeconds }`, or null. Read `audioItems`. */
  audio: z.object({ url: z.string(), durationSeconds: z.number().int().nullable() }).nullable().meta({ deprecated: true }),
  /** The body's images, in order (docs/open-web.md). */
  images: z.array(PublicStoryImageSchema),
  /** schema.org NewsArticle (JSON-LD) of this story, for the page's <script type="application/ld+json"> (docs/open-web.md). */
  jsonLd: NewsArticleJsonLdSchema,
});
export type PublicStory = z.infer<typeof PublicStorySchema>;

/**
 * Staff preview (`GET /api/stories/{id}/preview`): any story, in any state, as it is now or at one
 * of its revisions (`?revision=n`), serialized exactly as the public story JSON
 * (`PublicStorySchema`), plus what the preview is of. Never public: `Cache-Control: no-store`,
 * `X-Robots-Tag: noindex`, outside the public cache and never under `/api/public/*`. A revision is
 * shown by applying it to the story as a restore would, in a transaction that is rolled back.
 */
export const StoryPreviewQuerySchema = z.strictObject({
  /** Show the story as restoring this revision would make it (404 when the story has no such revision). */
  revision: z.coerce
    .number({ error: 'revision must be a revision number' })
    .int('revision must be a whole number')
    .min(1, 'revision must be at least 1')
    .max(1_000_000, 'revision must be at most 1000000')
    .optional(),
});
export type StoryPreviewQuery = z.infer<typeof StoryPreviewQuerySchema>;

export const StoryPreviewSchema = z.object({
  story: PublicStorySchema.extend({
    /** A story that was never live has no publication instant yet. */
    publishedAt: z.string().nullable(),
  }),
  preview: z.object({
    storyId: z.string(),
    /** The story's state now (draft, in_review, scheduled, published, unpublished). */
    status: z.string(),
    version: z.number().int(),
    /** The revision shown, or null: the story as it is now. */
    revision: z.number().int().nullable(),
    /** Live for readers now (published, or scheduled and its time has come). */
    live: z.boolean(),
    /** Embargoed: not for publication before this instant (null: no embargo). Show it prominently. */
    embargoUntil: z.string().nullable(),
    generatedAt: z.string(),
  }),
});
export type StoryPreview = z.infer<typeof StoryPreviewSchema>;
