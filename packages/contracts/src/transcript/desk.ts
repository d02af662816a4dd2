import { z } from 'zod';
import { CursorSchema, IdSchema, LimitSchema, VersionSchema, pageOf } from '../common.js';
import { StoryStatusSchema } from '../stories.js';

/**
 * The "(ph)" desk (issue 19 item 4): the queue of unverified spellings across stories, and the
 * newsroom setting that decides what an unverified spelling does at publication.
 */

/**
 * `block`: a story with an unverified spelling cannot be published (the publish check names each
 * span); `render`: it can, and public outputs print "(ph)" after the span (the broadcast convention).
 * Public outputs print "(ph)" after unverified spans either way (a live story edited later).
 */
export const UNVERIFIED_SPELLING_RULES = ['render', 'block'] as const;
export const UnverifiedSpellingRuleSchema = z.enum(UNVERIFIED_SPELLING_RULES);
export type UnverifiedSpellingRule = z.infer<typeof UnverifiedSpellingRuleSchema>;

export const NewsroomSettingsSchema = z.object({
  unverifiedSpellings: UnverifiedSpellingRuleSchema,
  version: z.number().int(),
  updatedAt: z.string(),
});
export type NewsroomSettings = z.infer<typeof NewsroomSettingsSchema>;

export const UpdateNewsroomSettingsSchema = z.strictObject({
  unverifiedSpellings: UnverifiedSpellingRuleSchema,
  version: VersionSchema,
});
export type UpdateNewsroomSettingsInput = z.infer<typeof UpdateNewsroomSettingsSchema>;

export const SpellingDeskQuerySchema = z.strictObject({
  /** Only stories of this program. */
  program: IdSchema.optional(),
  /** Stories per page (each with all its unverified spellings). */
  limit: LimitSchema,
  cursor: CursorSchema.optional(),
});
export type SpellingDeskQuery = z.infer<typeof SpellingDeskQuerySchema>;

/** One unverified spelling: the turn (position, rendered label), the span, its text, and the sentence around it. */
export const DeskSpellingSchema = z.object({
  position: z.number().int(),
  label: z.string().nullable(),
  at: z.number().int(),
  end: z.number().int(),
  spelling: z.string(),
  /** Up to 60 characters either side of the span. */
  before: z.string(),
  after: z.string(),
});
export type DeskSpelling = z.infer<typeof DeskSpellingSchema>;

/** A story with unverified spellings, newest edit first. */
export const SpellingDeskStorySchema = z.object({
  storyId: IdSchema,
  headline: z.string(),
  status: StoryStatusSchema,
  program: z.object({ id: IdSchema, name: z.string() }).nullable(),
  updatedAt: z.string(),
  spellings: z.array(DeskSpellingSchema),
});
export type SpellingDeskStory = z.infer<typeof SpellingDeskStorySchema>;
export const SpellingDeskPageSchema = pageOf(SpellingDeskStorySchema);
export type SpellingDeskPage = z.infer<typeof SpellingDeskPageSchema>;
