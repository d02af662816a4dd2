import { z } from 'zod';
import { IdSchema, VersionSchema } from '../common.js';
import { SlugSchema } from '../slug.js';
import { canonicalTimeZone, isValidTimeZone } from './local-time.js';

// ---- Stations -----------------------------------------------------------------------------------

export const BANDS = ['FM', 'AM', 'HD', 'DAB', 'web'] as const;
export const BandSchema = z.enum(BANDS);
export type Band = z.infer<typeof BandSchema>;

/** An IANA zone the runtime knows, in its canonical spelling. */
export const StationTimeZoneSchema = z
  .string()
  .trim()
  .refine(isValidTimeZone, 'Use an IANA time zone such as America/New_York or Europe/Moscow')
  .transform(canonicalTimeZone);

const callSign = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z][A-Z0-9]{2,5}(?:-[A-Z0-9]{1,4})?$/, 'A call sign is 3 to 6 letters or digits, optionally with a suffix (WAMU, KQED-FM)');
const stationName = z.string().trim().min(1, 'A name is required').max(120, 'A name has at most 120 characters');
const frequency = z.string().trim().max(12, 'A frequency has at most 12 characters');
const city = z.string().trim().max(120, 'A city has at most 120 characters');
const streamUrl = z
  .union([z.url({ protocol: /^https?$/, error: 'A stream URL starts with https:// or http://' }).max(500), z.literal('')])
  .nullable()
  .transform((value) => value || null);

/** What is wrong with a frequency on a band ("88.5" on FM: fine; "1500" on FM: not), or null. */
export function frequencyProblem(band: Band, value: string): string | null {
  if (band === 'FM') {
    const mhz = Number(value);
    return /^\d{2,3}\.\d$/.test(value) && mhz >= 87.5 && mhz <= 108 ? null : 'An FM frequency is in MHz from 87.5 to 108.0, e.g. 88.5';
  }
  if (band === 'AM') {
    const khz = Number(value);
    return /^\d{3,4}$/.test(value) && khz >= 530 && khz <= 1710 ? null : 'An AM frequency is in kHz from 530 to 1710, e.g. 1500';
  }
  return null;
}

const checkFrequency = (station: { band?: Band; frequency?: string }, ctx: z.RefinementCtx) => {
  if (station.band === undefined || station.frequency === undefined) return;
  const problem = frequencyProblem(station.band, station.frequency);
  if (problem) ctx.addIssue({ code: 'custom', path: ['frequency'], message: problem });
};

export const CreateStationSchema = z
  .strictObject({
    callSign,
    name: stationName,
    band: BandSchema,
    frequency: frequency.default(''),
    city: city.default(''),
    timezone: StationTimeZoneSchema,
    streamUrl: streamUrl.optional(),
    active: z.boolean().default(true),
  })
  .superRefine(checkFrequency);
export type CreateStationInput = z.input<typeof CreateStationSchema>;

/** A changed band or frequency is checked against the other as stored (by the API). */
export const UpdateStationSchema = z
  .strictObject({
    version: VersionSchema,
    callSign: callSign.optional(),
    name: stationName.optional(),
    band: BandSchema.optional(),
    frequency: frequency.optional(),
    city: city.optional(),
    timezone: StationTimeZoneSchema.optional(),
    streamUrl: streamUrl.optional(),
    active: z.boolean().optional(),
  })
  .superRefine(checkFrequency);
export type UpdateStationInput = z.input<typeof UpdateStationSchema>;

export const StationSchema = z.object({
  id: IdSchema,
  callSign: z.string(),
  name: z.string(),
  band: BandSchema,
  frequency: z.string(),
  city: z.string(),
  timezone: z.string(),
  streamUrl: z.string().nullable(),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Station = z.infer<typeof StationSchema>;

export const StationListSchema = z.object({ items: z.array(StationSchema) });
export type StationList = z.infer<typeof StationListSchema>;

/** "88.5 FM", "1500 AM", "HD", "web". */
export function dialPosition(station: Pick<Station, 'band' | 'frequency'>): string {
  return station.frequency ? `${station.frequency} ${station.band}` : station.band;
}

// ---- Programs -----------------------------------------------------------------------------------

/** A program's hosts, by display name for now (the people registry links them later). */
const hosts = z
  .array(z.string().trim().min(1, 'A host needs a name').max(120, 'A host name has at most 120 characters'))
  .max(12, 'At most 12 hosts');
const programName = z.string().trim().min(1, 'A name is required').max(120, 'A name has at most 120 characters');
const description = z.string().trim().max(2000, 'A description has at most 2,000 characters');
export const SegmentDurationSchema = z
  .number({ error: 'A duration in seconds is required' })
  .int('Whole seconds')
  .min(1, 'A duration is at least one second')
  .max(86_400, 'A duration is at most 24 hours');

/**
 * Reading pace, for scripts' reading times: a program's hosts (default 160: DEFAULT_WORDS_PER_MINUTE),
 * or one host's own (a person's, which wins over the program's: `readingPace`).
 */
export const WordsPerMinuteSchema = z
  .number({ error: 'Words per minute is a number' })
  .int('A whole number')
  .min(60, 'At least 60 words per minute')
  .max(400, 'At most 400 words per minute');

export const CreateProgramSchema = z.strictObject({
  name: programName,
  /** Derived from the name when left out. */
  slug: z.union([SlugSchema, z.literal('')]).optional(),
  hosts: hosts.default([]),
  defaultDurationSeconds: SegmentDurationSchema.default(3600),
  description: description.default(''),
  wordsPerMinute: WordsPerMinuteSchema.default(160),
});
export type CreateProgramInput = z.input<typeof CreateProgramSchema>;

export const UpdateProgramSchema = z.strictObject({
  version: VersionSchema,
  name: programName.optional(),
  slug: SlugSchema.optional(),
  hosts: hosts.optional(),
  defaultDurationSeconds: SegmentDurationSchema.optional(),
  description: description.optional(),
  wordsPerMinute: WordsPerMinuteSchema.optional(),
});
export type UpdateProgramInput = z.input<typeof UpdateProgramSchema>;

export const ProgramSchema = z.object({
  id: IdSchema,
  name: z.string(),
  slug: z.string(),
  hosts: z.array(z.string()),
  defaultDurationSeconds: z.number().int(),
  description: z.string(),
  wordsPerMinute: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Program = z.infer<typeof ProgramSchema>;

export const ProgramListSchema = z.object({ items: z.array(ProgramSchema) });
export type ProgramList = z.infer<typeof ProgramListSchema>;

export const ProgramRefSchema = ProgramSchema.pick({ id: true, name: true, slug: true });
export type ProgramRef = z.infer<typeof ProgramRefSchema>;
