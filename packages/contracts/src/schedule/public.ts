import { z } from 'zod';
import { BandSchema } from './stations.js';
import { SegmentKindSchema } from './segments.js';

/** The public "Play Live Radio / Next Up / Available On Air Stations" strip: active stations only. */

export const PublicStationSchema = z.object({
  callSign: z.string(),
  name: z.string(),
  band: BandSchema,
  frequency: z.string(),
  city: z.string(),
  timezone: z.string(),
  streamUrl: z.string().nullable(),
});
export type PublicStation = z.infer<typeof PublicStationSchema>;

export const PublicStationListSchema = z.object({ items: z.array(PublicStationSchema) });
export type PublicStationList = z.infer<typeof PublicStationListSchema>;

export const PublicOnAirSchema = z.object({
  title: z.string(),
  kind: SegmentKindSchema,
  startsAt: z.string(),
  endsAt: z.string(),
  program: z.object({ name: z.string(), slug: z.string(), hosts: z.array(z.string()) }).nullable(),
  /** Only a story that is live on the public API; never a draft. */
  story: z.object({ slug: z.string(), headline: z.string() }).nullable(),
  /** Now only, while its block is live (has takes, not ended): when the first take went to air. */
  actualStartsAt: z.string().optional(),
  /** Now only, while live: the planned end shifted by the drift of the latest take (late or early). */
  expectedEndsAt: z.string().optional(),
  /** Next only, while now's block is live: the later of its planned start and now's expectedEndsAt. */
  expectedStartsAt: z.string().optional(),
});
export type PublicOnAir = z.infer<typeof PublicOnAirSchema>;

export const PublicNowNextSchema = z.object({
  station: PublicStationSchema,
  /** On air at the instant asked about (start inclusive, end exclusive); null in a gap. */
  now: PublicOnAirSchema.nullable(),
  /** The first segment that starts after that instant. */
  next: PublicOnAirSchema.nullable(),
});
export type PublicNowNext = z.infer<typeof PublicNowNextSchema>;

export const PublicNowNextQuerySchema = z.strictObject({
  /** An instant (default: now). */
  at: z.iso.datetime({ offset: true, error: 'Use an ISO 8601 instant, e.g. 2026-03-08T10:00:00Z' }).optional(),
});
export type PublicNowNextQuery = z.infer<typeof PublicNowNextQuerySchema>;

export const CallSignParamSchema = z.object({ callSign: z.string().trim().min(1).max(12).toUpperCase() });
