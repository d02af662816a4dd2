import { z } from 'zod';
import { CursorSchema, IdSchema, LimitSchema, VersionSchema, pageOf } from '../common.js';
import { StoryStatusSchema } from '../stories.js';
import { parseLocalDate } from './local-time.js';
import { ProgramRefSchema, SegmentDurationSchema, StationSchema } from './stations.js';

export const SEGMENT_KINDS = ['program', 'story', 'newscast', 'underwriting', 'music', 'other'] as const;
export const SegmentKindSchema = z.enum(SEGMENT_KINDS);
export type SegmentKind = z.infer<typeof SegmentKindSchema>;

export const SEGMENT_KIND_LABELS: Record<SegmentKind, string> = {
  program: 'Program block',
  story: 'Story',
  newscast: 'Newscast',
  underwriting: 'Underwriting',
  music: 'Music',
  other: 'Other',
};

export const SEGMENT_STATUSES = ['planned', 'confirmed', 'aired'] as const;
export const SegmentStatusSchema = z.enum(SEGMENT_STATUSES);
export type SegmentStatus = z.infer<typeof SegmentStatusSchema>;

/** "YYYY-MM-DD", a real calendar date. */
export const StationDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date as YYYY-MM-DD')
  .refine((value) => parseLocalDate(value) !== null, 'Not a calendar date');

/** A UTC instant with an offset or Z, e.g. "2026-03-08T10:00:00Z". */
export const ScheduleInstantSchema = z.iso.datetime({ offset: true, error: 'Use an ISO 8601 instant, e.g. 2026-03-08T10:00:00Z' });

/**
 * A segment's start as sent: the station's wall-clock time ("2026-03-08T05:00"), the same with
 * the offset that picks one of a repeated hour ("2026-11-01T01:30-05:00"), or a UTC instant
 * ending in Z. The API resolves it in the station's zone: a time in a spring-forward gap, or a
 * repeated time without an offset, is refused with a message that names it.
 */
export const ZonedStartSchema = z
  .string({ error: 'A start time is required' })
  .trim()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.0+)?)?(Z|[+-]\d{2}:\d{2})?$/,
    "Use YYYY-MM-DDTHH:MM in the station's time (or a UTC instant ending in Z)",
  );

const title = z.string().trim().min(1, 'A title is required').max(200, 'A title has at most 200 characters');
const notes = z.string().trim().max(5000, 'Notes have at most 5,000 characters');

export const CreateSegmentSchema = z.strictObject({
  stationId: IdSchema,
  startsAt: ZonedStartSchema,
  durationSeconds: SegmentDurationSchema,
  /** Defaults to the program's name, else the story's headline. */
  title: title.optional(),
  kind: SegmentKindSchema,
  programId: IdSchema.nullable().optional(),
  storyId: IdSchema.nullable().optional(),
  notes: notes.default(''),
  status: SegmentStatusSchema.default('planned'),
});
export type CreateSegmentInput = z.input<typeof CreateSegmentSchema>;

export const UpdateSegmentSchema = z.strictObject({
  version: VersionSchema,
  startsAt: ZonedStartSchema.optional(),
  durationSeconds: SegmentDurationSchema.optional(),
  title: title.optional(),
  kind: SegmentKindSchema.optional(),
  programId: IdSchema.nullable().optional(),
  storyId: IdSchema.nullable().optional(),
  notes: notes.optional(),
  status: SegmentStatusSchema.optional(),
});
export type UpdateSegmentInput = z.input<typeof UpdateSegmentSchema>;

export const SegmentStoryRefSchema = z.object({ id: IdSchema, slug: z.string(), headline: z.string(), status: StoryStatusSchema });
export type SegmentStoryRef = z.infer<typeof SegmentStoryRefSchema>;

export const SegmentSchema = z.object({
  id: IdSchema,
  stationId: IdSchema,
  /** UTC instants. */
  startsAt: z.string(),
  endsAt: z.string(),
  /** The same instants in the station's time, with its offset ("2026-03-08T05:00:00-05:00"). */
  startsAtLocal: z.string(),
  endsAtLocal: z.string(),
  durationSeconds: z.number().int(),
  title: z.string(),
  kind: SegmentKindSchema,
  status: SegmentStatusSchema,
  programId: IdSchema.nullable(),
  program: ProgramRefSchema.nullable(),
  storyId: IdSchema.nullable(),
  story: SegmentStoryRefSchema.nullable(),
  notes: z.string(),
  /** The recurring slot this segment was made from, if any. */
  recurrenceId: IdSchema.nullable(),
  /** How many items its rundown has (0 when it has none). */
  rundownItems: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Segment = z.infer<typeof SegmentSchema>;

export const ListSegmentsQuerySchema = z.object({
  stationId: IdSchema.optional(),
  /** Segments that end after this instant... */
  from: ScheduleInstantSchema.optional(),
  /** ...and start before this one. */
  to: ScheduleInstantSchema.optional(),
  limit: LimitSchema,
  cursor: CursorSchema.optional(),
});
export type ListSegmentsQuery = z.infer<typeof ListSegmentsQuerySchema>;

export const SegmentPageSchema = pageOf(SegmentSchema);
export type SegmentPage = z.infer<typeof SegmentPageSchema>;

export const ScheduleDeleteQuerySchema = z.object({ version: z.coerce.number().int().min(1) });

/** `GET /api/stations/:id/schedule?from=&to=`: whole station-local days, `to` inclusive (default: `from`). */
export const StationScheduleQuerySchema = z.object({
  from: StationDateSchema,
  to: StationDateSchema.optional(),
});
export type StationScheduleQuery = z.infer<typeof StationScheduleQuerySchema>;

export const ScheduleDaySchema = z.object({
  date: z.string(),
  /** The day's first and last instants: 23 or 25 hours apart on the days clocks change. */
  startsAt: z.string(),
  endsAt: z.string(),
  hours: z.number(),
});
export type ScheduleDay = z.infer<typeof ScheduleDaySchema>;

export const StationScheduleSchema = z.object({
  station: StationSchema,
  from: z.string(),
  to: z.string(),
  days: z.array(ScheduleDaySchema),
  /** Every segment that overlaps the days, in order (one crossing midnight appears once). */
  segments: z.array(SegmentSchema),
});
export type StationSchedule = z.infer<typeof StationScheduleSchema>;

/** The segment a write collided with, as a 409 names it in `conflict`. */
export const ConflictingSegmentSchema = z.object({
  id: IdSchema,
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  startsAtLocal: z.string(),
  endsAtLocal: z.string(),
});
export type ConflictingSegment = z.infer<typeof ConflictingSegmentSchema>;
