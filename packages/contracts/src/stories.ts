import { z } from 'zod';
import { CursorSchema, IdSchema, LimitSchema, VersionSchema, pageOf } from './common.js';
import { SlugSchema } from './slug.js';

export const STORY_STATUSES = ['draft', 'in_review', 'scheduled', 'published', 'unpublished'] as const;
export const StoryStatusSchema = z.enum(STORY_STATUSES);
export type StoryStatus = z.infer<typeof StoryStatusSchema>;

export const HEADLINE_MAX = 200;
export const BODY_HTML_MAX = 500_000;

const headline = z.string().trim().min(1, 'A headline is required').max(HEADLINE_MAX, `A headline has at most ${HEADLINE_MAX} characters`);
const teaser = z.string().trim().max(2000, 'A teaser has at most 2,000 characters');
const dateline = z.string().trim().max(100, 'A dateline has at most 100 characters');
const bodyHtml = z.string().max(BODY_HTML_MAX, 'The body is too long');
const credit = z.string().trim().max(300, 'A credit line has at most 300 characters');

/** The editable fields of a story, as the admin's form holds them. */
export const StoryFieldsSchema = z.strictObject({
  headline,
  /** Derived from the headline when left empty. */
  slug: z.union([SlugSchema, z.literal('')]).optional(),
  teaser: teaser.default(''),
  dateline: dateline.default(''),
  /** HTML; sanitized on the server (scripts, event handlers and unknown tags are dropped). */
  bodyHtml: bodyHtml.default(''),
  credit: credit.default(''),
});

export const CreateStorySchema = StoryFieldsSchema;
export type CreateStoryInput = z.input<typeof CreateStorySchema>;

export const UpdateStorySchema = z.strictObject({
  version: VersionSchema,
  headline: headline.optional(),
  slug: SlugSchema.optional(),
  teaser: teaser.optional(),
  dateline: dateline.optional(),
  bodyHtml: bodyHtml.optional(),
  credit: credit.optional(),
});
export type UpdateStoryInput = z.input<typeof UpdateStorySchema>;

export const PublishStorySchema = z.strictObject({
  version: VersionSchema,
  /** An instant in the future schedules the story; absent or past publishes now. */
  publishAt: z.iso.datetime({ offset: true }).optional(),
});
export type PublishStoryInput = z.input<typeof PublishStorySchema>;

export const StoryTransitionSchema = z.strictObject({ version: VersionSchema });
export type StoryTransitionInput = z.input<typeof StoryTransitionSchema>;

export const StorySchema = z.object({
  id: IdSchema,
  slug: z.string(),
  headline: z.string(),
  teaser: z.string(),
  dateline: z.string(),
  bodyHtml: z.string(),
  credit: z.string(),
  status: StoryStatusSchema,
  version: z.number().int(),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Story = z.infer<typeof StorySchema>;

export const StorySummarySchema = StorySchema.pick({
  id: true, slug: true, headline: true, status: true, version: true, publishedAt: true, updatedAt: true,
});
export type StorySummary = z.infer<typeof StorySummarySchema>;

export const ListStoriesQuerySchema = z.object({
  status: StoryStatusSchema.optional(),
  q: z.string().trim().max(200).optional(),
  limit: LimitSchema,
  cursor: CursorSchema.optional(),
});
export type ListStoriesQuery = z.infer<typeof ListStoriesQuerySchema>;

export const StoryPageSchema = pageOf(StorySummarySchema);
export type StoryPage = z.infer<typeof StoryPageSchema>;
