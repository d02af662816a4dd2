import {
  SegmentKindSchema,
  SegmentStatusSchema,
  StationDateSchema,
  StationTimeSchema,
  UpdateSegmentSchema,
  defined,
  formatDuration,
  parseDuration,
  parseZonedTime,
  type CreateSegmentInput,
  type Segment,
  type UpdateSegmentInput,
} from '@newsdesk/contracts';
import { z } from 'zod';
import { clock, localParts } from './station-time';

/**
 * The segment dialog's fields: the contract's pieces, with the start split as a producer enters it
 * (local date, local time, and — only for a time that happens twice — which offset) and the
 * duration as typed ("4:00:00"). The station's zone checks the start before anything is sent.
 */
export function segmentFormSchema(timeZone: string) {
  return z
    .object({
      title: z.string().trim().max(200, 'A title has at most 200 characters'),
      kind: SegmentKindSchema,
      date: StationDateSchema,
      startTime: StationTimeSchema,
      offset: z.string(),
      duration: z
        .string()
        .trim()
        .min(1, 'A duration is required')
        .refine((value) => {
          const seconds = parseDuration(value, 'minutes');
          return seconds !== null && seconds >= 1 && seconds <= 86_400;
        }, 'Use h:mm:ss or m:ss (e.g. 4:00:00 or 6:00), at most 24 hours'),
      programId: z.string(),
      storyId: z.string(),
      notes: UpdateSegmentSchema.shape.notes.unwrap(),
      status: SegmentStatusSchema,
    })
    .superRefine((values, ctx) => {
      if (!values.title && !values.programId && !values.storyId) {
        ctx.addIssue({ code: 'custom', path: ['title'], message: 'A title is required (or choose a program or a story to take it from)' });
      }
      if (!StationDateSchema.safeParse(values.date).success || !StationTimeSchema.safeParse(values.startTime).success) return;
      const result = parseZonedTime(`${values.date}T${values.startTime}${values.offset}`, timeZone);
      if (!result.ok) {
        const field = result.reason === 'ambiguous' || result.reason === 'offset' ? 'offset' : 'startTime';
        ctx.addIssue({ code: 'custom', path: [field], message: result.message });
      }
    });
}

export type SegmentFormSchema = ReturnType<typeof segmentFormSchema>;
export type SegmentFormInput = z.input<SegmentFormSchema>;
export type SegmentFormValues = z.output<SegmentFormSchema>;
export const SEGMENT_FORM_FIELDS = [
  'title',
  'kind',
  'date',
  'startTime',
  'offset',
  'duration',
  'programId',
  'storyId',
  'notes',
  'status',
] as const;
export type SegmentFormField = (typeof SEGMENT_FORM_FIELDS)[number];

/** API field -> form field, for mapping a 400 or 409's `errors`. */
export function formFieldOf(apiField: string): SegmentFormField | null {
  if (apiField === 'startsAt') return 'startTime';
  if (apiField === 'durationSeconds') return 'duration';
  return (SEGMENT_FORM_FIELDS as readonly string[]).includes(apiField) ? (apiField as SegmentFormField) : null;
}

export function toFormInput(timeZone: string, date: string, segment?: Segment, gap?: { starts: number; ends: number }): SegmentFormInput {
  if (segment) {
    const parts = localParts(segment.startsAtLocal, timeZone);
    return {
      title: segment.title,
      kind: segment.kind,
      date: parts.date,
      startTime: parts.time,
      offset: parts.offset,
      duration: formatDuration(segment.durationSeconds),
      programId: segment.programId ?? '',
      storyId: segment.storyId ?? '',
      notes: segment.notes,
      status: segment.status,
    };
  }
  const length = gap ? Math.min((gap.ends - gap.starts) / 1000, 3600) : 3600;
  return {
    title: '',
    kind: 'program',
    date,
    startTime: gap ? clock(gap.starts, timeZone) : '',
    offset: '',
    duration: formatDuration(length),
    programId: '',
    storyId: '',
    notes: '',
    status: 'planned',
  };
}

/** The start as the API reads it: station-local, with the offset only when the time happens twice. */
export function startsAtOf(values: Pick<SegmentFormValues, 'date' | 'startTime' | 'offset'>): string {
  return `${values.date}T${values.startTime}${values.offset}`;
}

export function toCreateInput(stationId: string, values: SegmentFormValues): CreateSegmentInput {
  return {
    stationId,
    startsAt: startsAtOf(values),
    durationSeconds: defined(parseDuration(values.duration, 'minutes'), 'validated duration'),
    ...(values.title ? { title: values.title } : {}),
    kind: values.kind,
    programId: values.programId || null,
    storyId: values.storyId || null,
    notes: values.notes,
    status: values.status,
  };
}

/** Only what differs from the saved segment, based on its version. */
export function toUpdateInput(timeZone: string, values: SegmentFormValues, saved: Segment): UpdateSegmentInput {
  const before = toFormInput(timeZone, values.date, saved);
  const update: UpdateSegmentInput = { version: saved.version };
  if (values.date !== before.date || values.startTime !== before.startTime || values.offset !== before.offset)
    update.startsAt = startsAtOf(values);
  const duration = defined(parseDuration(values.duration, 'minutes'), 'validated duration');
  if (duration !== saved.durationSeconds) update.durationSeconds = duration;
  if (values.title && values.title !== saved.title) update.title = values.title;
  if (values.kind !== saved.kind) update.kind = values.kind;
  if ((values.programId || null) !== saved.programId) update.programId = values.programId || null;
  if ((values.storyId || null) !== saved.storyId) update.storyId = values.storyId || null;
  if (values.notes !== saved.notes) update.notes = values.notes;
  if (values.status !== saved.status) update.status = values.status;
  return update;
}
