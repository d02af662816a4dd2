import { z } from 'zod';
import { EpisodeTypeSchema, StoryAudioInputSchema, StoryAudioSchema } from './audio.js';
import { CursorSchema, IdSchema, LimitSchema, VersionSchema, pageOf } from './common.js';
import { HTML_MAX_DEPTH, htmlDepthExceeds } from './html-depth.js';
import { RichTextDocSchema } from './richtext.js';
import { SlugSchema } from './slug.js';
import { TagTypeSchema } from './tags.js';
import { StoryTranscriptSchema, TranscriptInputSchema, TranscriptSnapshotSchema } from './transcript/schemas.js';

export const STORY_STATUSES = ['draft', 'in_review', 'scheduled', 'published', 'unpublished'] as const;
export const StoryStatusSchema = z.enum(STORY_STATUSES);
export type StoryStatus = z.infer<typeof StoryStatusSchema>;

export const HEADLINE_MAX = 200;
export const BODY_HTML_MAX = 500_000;

const headline = z.string().trim().min(1, 'A headline is required').max(HEADLINE_MAX, `A headline has at most ${HEADLINE_MAX} characters`);
const teaser = z.string().trim().max(2000, 'A teaser has at most 2,000 characters');
const dateline = z.string().trim().max(100, 'A dateline has at most 100 characters');
const bodyHtml = z
  .string()
  .max(BODY_HTML_MAX, 'The body is too long')
  .refine((html) => !htmlDepthExceeds(html, HTML_MAX_DEPTH), `HTML may nest elements at most ${HTML_MAX_DEPTH} deep`);
const credit = z.string().trim().max(300, 'A credit line has at most 300 characters');

const ids = (what: string, max: number) =>
  z
    .array(IdSchema)
    .max(max, `At most ${max} ${what}`)
    .refine((list) => new Set(list).size === list.length, `Each of the ${what} only once`);
/** CDS `recommendUntilDateTime`: an ISO 8601 instant with an offset, years 1 to 9999 (null: no end). */
const recommendUntil = z.iso
  .datetime({ offset: true, error: 'An ISO 8601 instant with an offset, e.g. 2026-12-31T00:00:00Z' })
  .refine((value) => {
    if (!/^\d{4}-/.test(value)) return true;
    const year = new Date(value).getUTCFullYear();
    return Number.isNaN(year) || (year >= 1 && year <= 9999);
  }, 'Use an instant between the years 1 and 9999')
  .nullable();
const audioUrl = z.url({ protocol: /^https?$/, error: 'An http(s) URL' }).max(2000);

/**
 * The editable content of a story. The body is either `body` (the rich-text document the admin's
 * editor writes) or `bodyHtml` (HTML from an integration: sanitized and converted on the server).
 */
const contentFields = {
  teaser,
  dateline,
  body: RichTextDocSchema,
  bodyHtml,
  credit,
  /** The lead photo (an uploaded image's id; null: none). Publishing needs its alt text, credit and ready renditions. */
  leadImageId: IdSchema.nullable(),
  /** Correspondent ids, in byline order. */
  bylineIds: ids('bylines', 10),
  tagIds: ids('tags', 50),
  programId: IdSchema.nullable(),
  /**
   * Deprecated (one release): sets the primary audio to an external-URL asset. Use `audio`.
   * Ignored when `audio` is sent too.
   */
  audioUrl: audioUrl.nullable().meta({ deprecated: true }),
  /** Deprecated with `audioUrl`: the declared duration of that external asset. */
  audioDurationSeconds: z
    .number()
    .int()
    .min(0)
    .max(24 * 3600)
    .nullable()
    .meta({ deprecated: true }),
  /** The story's audio in order, replaced as a whole: the first is the primary ("Listen") audio. */
  audio: StoryAudioInputSchema,
  /** A broadcast piece: publishing needs playable primary audio inside its availability window. */
  broadcast: z.boolean(),
  /** As a podcast episode of its program (all optional). */
  episodeSeason: z.number().int().min(1).max(10_000).nullable(),
  episodeNumber: z.number().int().min(1).max(100_000).nullable(),
  episodeType: EpisodeTypeSchema,
  /** The broadcast transcript, replaced as a whole: turns as `/api/transcripts/parse` returns them once resolved. */
  transcript: TranscriptInputSchema,
  /** Until when apps (NPR One) may recommend the story (CDS recommendUntilDateTime); null: no end. Not kept in revisions. */
  recommendUntil,
};

export const StoryFieldsSchema = z.strictObject({
  headline,
  /** Derived from the headline when left empty. */
  slug: z.union([SlugSchema, z.literal('')]).optional(),
  ...(Object.fromEntries(Object.entries(contentFields).map(([key, schema]) => [key, schema.optional()])) as {
    [K in keyof typeof contentFields]: z.ZodOptional<(typeof contentFields)[K]>;
  }),
});

export const CreateStorySchema = StoryFieldsSchema;
export type CreateStoryInput = z.input<typeof CreateStorySchema>;

export const UpdateStorySchema = StoryFieldsSchema.extend({
  version: VersionSchema,
  headline: headline.optional(),
  slug: SlugSchema.optional(),
});
export type UpdateStoryInput = z.input<typeof UpdateStorySchema>;

export const PublishStorySchema = z.strictObject({
  version: VersionSchema,
  /** An instant in the future schedules the story; absent or past publishes now. */
  publishAt: z.iso.datetime({ offset: true }).optional(),
});
export type PublishStoryInput = z.input<typeof PublishStorySchema>;

/** An ISO 8601 instant with an offset, years 1 to 9999 (what PostgreSQL's timestamptz and JavaScript dates both hold). */
const embargoInstant = z.iso
  .datetime({ offset: true, error: 'An ISO 8601 instant with an offset, e.g. 2026-12-24T09:00:00+01:00' })
  .refine((value) => {
    // Not in the format (five-digit years included) is the format check's error: one error per field.
    if (!/^\d{4}-/.test(value)) return true;
    const year = new Date(value).getUTCFullYear();
    return Number.isNaN(year) || (year >= 1 && year <= 9999);
  }, 'Use an instant between the years 1 and 9999');

/**
 * Embargo (`PUT /api/stories/{id}/embargo`): the story may not be public before `embargoUntil`
 * (stored to the second). An instant must be in the future (the server's clock); `null` lifts the
 * embargo. A live or scheduled story whose publication is earlier than the embargo is moved to the
 * embargo instant (scheduled); lifting an embargo never moves publication back.
 */
export const EmbargoStorySchema = z.strictObject({
  version: VersionSchema,
  embargoUntil: embargoInstant.nullable(),
});
export type EmbargoStoryInput = z.input<typeof EmbargoStorySchema>;

export const StoryTransitionSchema = z.strictObject({ version: VersionSchema });
export type StoryTransitionInput = z.input<typeof StoryTransitionSchema>;

export const StoryBylineSchema = z.object({ id: IdSchema, name: z.string(), slug: z.string(), title: z.string() });
export const StoryTagSchema = z.object({ id: IdSchema, name: z.string(), slug: z.string(), type: TagTypeSchema });
export const CorrectionSchema = z.object({ id: IdSchema, text: z.string(), correctedAt: z.string() });
export type Correction = z.infer<typeof CorrectionSchema>;

export const StorySchema = z.object({
  id: IdSchema,
  slug: z.string(),
  headline: z.string(),
  teaser: z.string(),
  dateline: z.string(),
  body: RichTextDocSchema,
  bodyHtml: z.string(),
  credit: z.string(),
  bylines: z.array(StoryBylineSchema),
  tags: z.array(StoryTagSchema),
  programId: z.string().nullable(),
  /** The lead photo's media id (`GET /api/media/{id}/record`), or null. */
  leadImageId: z.string().nullable(),
  /** Deprecated (one release): the primary audio's URL (external URL, or its staff play URL). Read `audio`. */
  audioUrl: z.string().nullable().meta({ deprecated: true }),
  /** Deprecated with `audioUrl`: the primary audio's duration, whole seconds. */
  audioDurationSeconds: z.number().int().nullable().meta({ deprecated: true }),
  audio: z.array(StoryAudioSchema),
  broadcast: z.boolean(),
  episodeSeason: z.number().int().nullable(),
  episodeNumber: z.number().int().nullable(),
  episodeType: EpisodeTypeSchema,
  corrections: z.array(CorrectionSchema),
  /** The transcript's turns with their speakers (labels are rendered, never typed). */
  transcript: StoryTranscriptSchema,
  status: StoryStatusSchema,
  version: z.number().int(),
  /** When the story went (or, when scheduled, goes) live. */
  publishedAt: z.string().nullable(),
  /** Not for publication before this instant (null: no embargo). A published or scheduled story's publishedAt is never earlier. */
  embargoUntil: z.string().nullable(),
  /** Until when apps may recommend it (CDS recommendUntilDateTime); null: no end. */
  recommendUntil: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  createdBy: z.object({ id: IdSchema, name: z.string() }).nullable(),
  updatedBy: z.object({ id: IdSchema, name: z.string() }).nullable(),
});
export type Story = z.infer<typeof StorySchema>;

export const StorySummarySchema = StorySchema.pick({
  id: true,
  slug: true,
  headline: true,
  status: true,
  version: true,
  publishedAt: true,
  embargoUntil: true,
  updatedAt: true,
}).extend({
  /** With a search: the matching passage, `<mark>`-highlighted. */
  snippet: z.string().optional(),
});
export type StorySummary = z.infer<typeof StorySummarySchema>;

export const ListStoriesQuerySchema = z.object({
  status: StoryStatusSchema.optional(),
  /** Full-text search over headline, teaser, body and transcript; results ranked. */
  q: z.string().trim().max(200).optional(),
  tag: IdSchema.optional(),
  correspondent: IdSchema.optional(),
  mine: z.enum(['true', 'false']).optional(),
  limit: LimitSchema,
  cursor: CursorSchema.optional(),
});
export type ListStoriesQuery = z.infer<typeof ListStoriesQuerySchema>;

export const StoryPageSchema = pageOf(StorySummarySchema);
export type StoryPage = z.infer<typeof StoryPageSchema>;

export const CreateCorrectionSchema = z.strictObject({
  version: VersionSchema,
  text: z.string().trim().min(1, 'Describe the correction').max(2000, 'A correction has at most 2,000 characters'),
});
export type CreateCorrectionInput = z.input<typeof CreateCorrectionSchema>;

/** What the editor's desk shows first. */
export const DashboardSchema = z.object({
  myDrafts: z.array(StorySummarySchema),
  inReview: z.array(StorySummarySchema),
  scheduled: z.array(StorySummarySchema),
  recentlyPublished: z.array(StorySummarySchema),
});
export type Dashboard = z.infer<typeof DashboardSchema>;

/** The fields a revision keeps: the editable content of the story at one save. */
export const REVISION_FIELDS = [
  'headline',
  'slug',
  'teaser',
  'dateline',
  'body',
  'credit',
  'leadImageId',
  'bylineIds',
  'tagIds',
  'programId',
  'audio',
  'broadcast',
  'episodeSeason',
  'episodeNumber',
  'episodeType',
  'transcript',
] as const;
export const RevisionSnapshotSchema = z
  .object({
    headline: z.string(),
    slug: z.string(),
    teaser: z.string(),
    dateline: z.string(),
    body: RichTextDocSchema,
    credit: z.string(),
    /** Absent in revisions saved before lead images existed (read as none). */
    leadImageId: z.string().nullable().optional(),
    bylineIds: z.array(z.string()),
    tagIds: z.array(z.string()),
    programId: z.string().nullable(),
    /** Revisions saved before audio assets existed keep these two (read as an external primary audio). */
    audioUrl: z.string().nullable().optional(),
    audioDurationSeconds: z.number().int().nullable().optional(),
    /** Absent in revisions saved before audio assets existed. */
    audio: z.array(z.object({ assetId: z.string(), title: z.string() })).optional(),
    broadcast: z.boolean().optional(),
    episodeSeason: z.number().int().nullable().optional(),
    episodeNumber: z.number().int().nullable().optional(),
    episodeType: EpisodeTypeSchema.optional(),
    /** Absent in revisions saved before transcripts existed (read as no turns). */
    transcript: TranscriptSnapshotSchema.optional(),
  })
  .loose();
export type RevisionSnapshot = z.infer<typeof RevisionSnapshotSchema>;

export const RevisionSummarySchema = z.object({
  n: z.number().int(),
  storyVersion: z.number().int(),
  createdAt: z.string(),
  createdBy: z.object({ id: IdSchema, name: z.string() }).nullable(),
  /** What made it: create, update, restore. */
  reason: z.string(),
  changedFields: z.array(z.string()),
});
export type RevisionSummary = z.infer<typeof RevisionSummarySchema>;
export const RevisionListSchema = z.object({ items: z.array(RevisionSummarySchema) });
export type RevisionList = z.infer<typeof RevisionListSchema>;
export const RevisionSchema = RevisionSummarySchema.extend({ snapshot: RevisionSnapshotSchema });
export type Revision = z.infer<typeof RevisionSchema>;

export const RevisionDiffQuerySchema = z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) });
export const RevisionDiffSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  /** Each changed field; prose fields also as a word diff: [op, text] with op -1 removed, 0 kept, 1 added. */
  fields: z.array(
    z.object({
      field: z.string(),
      before: z.unknown(),
      after: z.unknown(),
      words: z.array(z.tuple([z.union([z.literal(-1), z.literal(0), z.literal(1)]), z.string()])).optional(),
    }),
  ),
});
export type RevisionDiff = z.infer<typeof RevisionDiffSchema>;
