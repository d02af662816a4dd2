import { z } from 'zod';
import { IdSchema, VersionSchema } from '../common.js';
import { SegmentSchema, SegmentStoryRefSchema } from './segments.js';

export const RUNDOWN_ITEM_KINDS = ['story', 'interview', 'newscast', 'underwriting', 'music', 'break', 'other'] as const;
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
};

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
});
export type Rundown = z.infer<typeof RundownSchema>;
