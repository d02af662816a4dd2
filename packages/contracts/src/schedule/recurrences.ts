import { z } from 'zod';
import { IdSchema, VersionSchema } from '../common.js';
import { parseLocalTime } from './local-time.js';
import { formatRRule, parseRRule } from './rrule.js';
import { ConflictingSegmentSchema, StationDateSchema, SegmentKindSchema } from './segments.js';
import { ProgramRefSchema, SegmentDurationSchema } from './stations.js';

/** An RRULE in the supported subset, normalized ("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"). */
export const RRuleSchema = z
  .string({ error: 'A recurrence rule is required' })
  .max(300, 'A rule has at most 300 characters')
  .transform((text, ctx) => {
    const parsed = parseRRule(text);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.message });
      return z.NEVER;
    }
    return formatRRule(parsed.rule);
  });

/** "HH:MM" or "HH:MM:SS", 24-hour, station time. */
export const StationTimeSchema = z
  .string()
  .regex(/^\d{2}:\d{2}(:\d{2})?$/, 'Use a 24-hour time as HH:MM')
  .refine((value) => parseLocalTime(value) !== null, 'Not a time of day');

export const CreateRecurrenceSchema = z.strictObject({
  stationId: IdSchema,
  rrule: RRuleSchema,
  /** DTSTART: the first local date the rule may fire on. */
  startsOn: StationDateSchema,
  /** DTSTART's time of day in the station's zone; BYHOUR/BYMINUTE in the rule, when set, give the times instead. */
  startTime: StationTimeSchema.default('00:00'),
  /** Wall-clock length: a 05:00 slot of 4 hours ends at 09:00 local, even on the days clocks change. */
  durationSeconds: SegmentDurationSchema,
  /** Defaults to the program's name. */
  title: z.string().trim().min(1).max(200, 'A title has at most 200 characters').optional(),
  kind: SegmentKindSchema.default('program'),
});
export type CreateRecurrenceInput = z.input<typeof CreateRecurrenceSchema>;

export const UpdateRecurrenceSchema = z.strictObject({
  version: VersionSchema,
  rrule: RRuleSchema.optional(),
  startsOn: StationDateSchema.optional(),
  startTime: StationTimeSchema.optional(),
  durationSeconds: SegmentDurationSchema.optional(),
  title: z.string().trim().min(1).max(200, 'A title has at most 200 characters').optional(),
  kind: SegmentKindSchema.optional(),
  active: z.boolean().optional(),
});
export type UpdateRecurrenceInput = z.input<typeof UpdateRecurrenceSchema>;

export const RecurrenceSchema = z.object({
  id: IdSchema,
  programId: IdSchema,
  program: ProgramRefSchema,
  stationId: IdSchema,
  rrule: z.string(),
  startsOn: z.string(),
  startTime: z.string(),
  durationSeconds: z.number().int(),
  title: z.string(),
  kind: SegmentKindSchema,
  active: z.boolean(),
  /** For people: "Weekdays 05:00-09:00". */
  summary: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Recurrence = z.infer<typeof RecurrenceSchema>;

export const RecurrenceListSchema = z.object({ items: z.array(RecurrenceSchema) });
export type RecurrenceList = z.infer<typeof RecurrenceListSchema>;

export const ListRecurrencesQuerySchema = z.object({
  stationId: IdSchema.optional(),
  programId: IdSchema.optional(),
});
export type ListRecurrencesQuery = z.infer<typeof ListRecurrencesQuerySchema>;

/** A window of station-local days: `from` and the number of days (a week by default). */
export const SlotWindowSchema = z.object({
  from: StationDateSchema,
  days: z.coerce.number().int().min(1).max(31).default(7),
});
export type SlotWindow = z.infer<typeof SlotWindowSchema>;
export const MaterializeSlotsSchema = z.strictObject({
  from: StationDateSchema,
  days: z.number().int().min(1).max(31).default(7),
});
export type MaterializeSlotsInput = z.input<typeof MaterializeSlotsSchema>;

export const SLOT_STATES = ['scheduled', 'open', 'conflict'] as const;

/** One dated slot of a recurrence, and whether the schedule has it. */
export const SlotSchema = z.object({
  recurrenceId: IdSchema,
  programId: IdSchema,
  title: z.string(),
  kind: SegmentKindSchema,
  /** The rule's wall-clock start ("YYYY-MM-DDTHH:MM"): the slot's identity. */
  local: z.string(),
  date: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  startsAtLocal: z.string(),
  endsAtLocal: z.string(),
  durationSeconds: z.number().int(),
  /** DST notes for this day ("runs 4:00:00 instead of 5:00:00"), or null. */
  note: z.string().nullable(),
  /** scheduled: a segment made from this slot exists; open: not yet; conflict: another segment holds the time. */
  state: z.enum(SLOT_STATES),
  segmentId: IdSchema.nullable(),
  conflict: ConflictingSegmentSchema.nullable(),
});
export type Slot = z.infer<typeof SlotSchema>;

export const SlotListSchema = z.object({ from: z.string(), days: z.number().int(), items: z.array(SlotSchema) });
export type SlotList = z.infer<typeof SlotListSchema>;

/** What materializing did: it never overwrites; a slot whose time is taken is reported, not forced. */
export const MaterializeResultSchema = z.object({
  from: z.string(),
  days: z.number().int(),
  created: z.number().int(),
  existing: z.number().int(),
  conflicts: z.number().int(),
  items: z.array(SlotSchema.extend({ outcome: z.enum(['created', 'existing', 'conflict']) })),
});
export type MaterializeResult = z.infer<typeof MaterializeResultSchema>;
