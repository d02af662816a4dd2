import { z } from 'zod';
import { IdSchema, VersionSchema } from '../common.js';
import { EMPTY_DOC, RichTextDocSchema } from '../richtext.js';
import { SegmentSchema, SegmentStoryRefSchema } from './segments.js';

export const RUNDOWN_ITEM_KINDS = [
  'story',
  'interview',
  'newscast',
  'underwriting',
  'music',
  'break',
  'other',
  'hard_post',
  'news_hole',
  'music_bed',
  'legal_id',
] as const;
export const RundownItemKindSchema = z.enum(RUNDOWN_ITEM_KINDS);
export type RundownItemKind = z.infer<typeof RundownItemKindSchema>;

export const RUNDOWN_ITEM_KIND_LABELS: Record<RundownItemKind, string> = {
  story: 'Story',
  interview: 'Interview',
  newscast: 'Newscast',
  underwriting: 'Underwriting',
  music: 'Music',
  break: 'Break',
  other: 'Other',
  hard_post: 'Hard post',
  news_hole: 'News hole',
  music_bed: 'Music bed',
  legal_id: 'Legal ID',
};

/** An instant with its offset ("2026-12-07T10:00:00Z", "2026-12-07T05:00:00-05:00"). */
const InstantSchema = z.iso.datetime({ offset: true, message: 'An instant with its offset (2026-12-07T10:00:00Z)' });

/** Segments of these kinds are blocks with a rundown inside. */
export const RUNDOWN_SEGMENT_KINDS = ['program', 'newscast'] as const;

export const RundownItemInputSchema = z.strictObject({
  /** Present for an item that was saved before (kept, so links to it stay stable). */
  id: IdSchema.optional(),
  title: z.string().trim().min(1, 'A title is required').max(200, 'A title has at most 200 characters'),
  kind: RundownItemKindSchema,
  durationSeconds: z
    .number({ error: 'A planned duration is required' })
    .int('Whole seconds')
    .min(0, 'A duration cannot be negative')
    .max(86_400, 'A duration is at most 24 hours'),
  storyId: IdSchema.nullable().optional(),
  notes: z.string().trim().max(2000, 'Notes have at most 2,000 characters').default(''),
  /** The host's script (intro, outro, back-announce), in the rich-text model of story bodies. */
  script: RichTextDocSchema.default(EMPTY_DOC),
  /** A hard post: the item is pinned to this instant (inside the block). */
  postAt: InstantSchema.nullable().default(null),
  /** Who reads the script (a person: a host); their own pace, when set, times it. */
  readerId: IdSchema.nullable().default(null),
});
export type RundownItemInput = z.input<typeof RundownItemInputSchema>;

/** Replaces the whole ordered rundown of a block (version of the rundown, not of the segment). */
export const SaveRundownSchema = z.strictObject({
  version: VersionSchema,
  items: z.array(RundownItemInputSchema).max(200, 'A rundown has at most 200 items'),
});
export type SaveRundownInput = z.input<typeof SaveRundownSchema>;

export const RundownItemSchema = z.object({
  id: IdSchema,
  position: z.number().int(),
  title: z.string(),
  kind: RundownItemKindSchema,
  durationSeconds: z.number().int(),
  storyId: IdSchema.nullable(),
  story: SegmentStoryRefSchema.nullable(),
  notes: z.string(),
  script: RichTextDocSchema,
  /** The script rendered and sanitised (what the prompter and the printout show). */
  scriptHtml: z.string(),
  /** Estimated reading time of the script at `wordsPerMinute`. */
  readingSeconds: z.number().int(),
  /** Who reads it, and the pace its reading time uses (the reader's when set, else the program's). */
  readerId: IdSchema.nullable(),
  reader: z.object({ id: IdSchema, displayName: z.string(), wordsPerMinute: z.number().int().nullable() }).nullable(),
  wordsPerMinute: z.number().int(),
  /** For a story-linked item: the story's teaser (offered as the intro) and transcript (the reference). */
  storyTeaser: z.string().nullable(),
  storyTranscript: z.string().nullable(),
  postAt: z.string().nullable(),
  pinned: z.boolean(),
  /** For a pinned item: the air left before its post (negative: what runs before overruns it). */
  gapBeforeSeconds: z.number().int(),
  /** As run: when it was taken, and when the next take ended it. */
  actualStart: z.string().nullable(),
  actualEnd: z.string().nullable(),
  /** Front-timing: when the item starts if everything before it runs as planned (UTC instant). */
  startsAt: z.string(),
  endsAt: z.string(),
  /** Back-timing: when it must start for the rest to end exactly at the hard out. */
  backTime: z.string(),
  /** From its front-timed start to the hard out (negative once past it). */
  secondsToHardOut: z.number().int(),
  pastHardOut: z.boolean(),
});
export type RundownItem = z.infer<typeof RundownItemSchema>;

export const RundownSchema = z.object({
  segmentId: IdSchema,
  /** 1 for a block whose rundown was never saved. */
  version: z.number().int(),
  segment: SegmentSchema,
  timezone: z.string(),
  /** The block's end: the hard out. */
  hardOut: z.string(),
  items: z.array(RundownItemSchema),
  plannedSeconds: z.number().int(),
  availableSeconds: z.number().int(),
  /** Planned minus available: positive = over, negative = under. */
  overUnderSeconds: z.number().int(),
  state: z.enum(['over', 'under', 'exact']),
  updatedAt: z.string().nullable(),
  /** Words per minute the reading times use (the program's setting, or the default). */
  wordsPerMinute: z.number().int(),
  /** Over / under before each hard post, and for the last stretch to the hard out (postAt = hardOut). */
  sections: z.array(
    z.object({
      postItemId: IdSchema.nullable(),
      postAt: z.string(),
      plannedSeconds: z.number().int(),
      availableSeconds: z.number().int(),
      overUnderSeconds: z.number().int(),
      state: z.enum(['over', 'under', 'exact']),
    }),
  ),
  /** On air: takes so far (send it back as `expectedSeq`), the item on air, whether the block is over. */
  live: z.object({
    seq: z.number().int(),
    currentItemId: IdSchema.nullable(),
    ended: z.boolean(),
    serverTime: z.string(),
  }),
});
export type Rundown = z.infer<typeof RundownSchema>;

/**
 * Take the next item (or `itemId`). `expectedSeq` is the number of takes the client saw: a take
 * is recorded only if nobody took since, so a double press or two producers pressing at once
 * advance the rundown once (the others get the new state with `recorded: false`).
 */
export const TakeSchema = z.strictObject({
  expectedSeq: z.number({ error: 'expectedSeq is required' }).int('A whole number').min(0, 'Not negative').max(10_000),
  itemId: IdSchema.nullable().optional(),
  /** End the block: the item on air ends now and nothing follows. */
  end: z.boolean().optional(),
});
export type TakeInput = z.input<typeof TakeSchema>;

export const TakeResultSchema = z.object({ recorded: z.boolean(), rundown: RundownSchema });
export type TakeResult = z.infer<typeof TakeResultSchema>;

export const AsRunEntrySchema = z.object({
  seq: z.number().int(),
  itemId: IdSchema.nullable(),
  title: z.string(),
  kind: RundownItemKindSchema,
  plannedStart: z.string().nullable(),
  plannedSeconds: z.number().int(),
  actualStart: z.string(),
  actualEnd: z.string().nullable(),
  actualSeconds: z.number().int().nullable(),
  /** Actual start minus planned start (positive: late). */
  driftSeconds: z.number().int().nullable(),
  takenBy: z.string().nullable(),
});
export const AsRunSchema = z.object({
  segmentId: IdSchema,
  timezone: z.string(),
  stationCallSign: z.string(),
  entries: z.array(AsRunEntrySchema),
  /** The last entry's end (or start) against the plan: positive = running late. */
  totalDriftSeconds: z.number().int(),
});
export type AsRun = z.infer<typeof AsRunSchema>;

/** "aired on WAMU, Morning Edition, 7:42 AM EST". */
export const StoryAiringSchema = z.object({
  segmentId: IdSchema,
  stationCallSign: z.string(),
  programName: z.string().nullable(),
  airedAt: z.string(),
  airedAtLocal: z.string(),
  timezone: z.string(),
  label: z.string(),
});
export const StoryAiringListSchema = z.object({ items: z.array(StoryAiringSchema) });
export type StoryAiringList = z.infer<typeof StoryAiringListSchema>;

export const RundownFromClockSchema = z.strictObject({ version: VersionSchema });

export const PrepareRundownsSchema = z.strictObject({
  hours: z.number({ error: 'hours is a number' }).int('Whole hours').min(1, 'At least 1 hour').max(336, 'At most 14 days').default(48),
});
export const PrepareRundownsResultSchema = z.object({ created: z.number().int(), segmentIds: z.array(IdSchema) });
export type PrepareRundownsResult = z.infer<typeof PrepareRundownsResultSchema>;

/** Blocks on air now (or starting within two minutes) with a rundown, and whether the caller produces them. */
export const OnAirBlockListSchema = z.object({
  items: z.array(
    z.object({
      segmentId: IdSchema,
      callSign: z.string(),
      title: z.string(),
      startsAt: z.string(),
      endsAt: z.string(),
      /** The caller last saved its rundown or took one of its items. */
      mine: z.boolean(),
    }),
  ),
});
export type OnAirBlockList = z.infer<typeof OnAirBlockListSchema>;
