import { z } from 'zod';
import { IdSchema, VersionSchema } from '../common.js';
import { wallClock } from './local-time.js';

/**
 * Hour clocks: a program's template of one hour on air, an ordered list of items, some pinned to a
 * wall-clock minute and second of the hour (hard posts: the network newscast at :00, the legal ID
 * at :59:50), the others floating between them. A block's rundown starts from its program's
 * clock, repeated for every station-time hour that starts inside the block (so 23 times on the
 * spring-forward day and 25 on the fall-back one).
 */

export const CLOCK_ITEM_KINDS = ['hard_post', 'break', 'news_hole', 'music_bed', 'legal_id'] as const;
export const ClockItemKindSchema = z.enum(CLOCK_ITEM_KINDS);
export type ClockItemKind = z.infer<typeof ClockItemKindSchema>;

export const CLOCK_ITEM_KIND_LABELS: Record<ClockItemKind, string> = {
  hard_post: 'Hard post',
  break: 'Floating break',
  news_hole: 'News hole',
  music_bed: 'Music bed',
  legal_id: 'Legal ID',
};

/** "mm:ss" past the hour: "00:00", "59:50". */
export const PostTimeSchema = z
  .string()
  .trim()
  .regex(/^[0-5]\d:[0-5]\d$/, 'A post time is mm:ss past the hour (00:00 to 59:59)');

/** "59:50" -> 3590 seconds past the hour. */
export function postSecondsOf(text: string): number {
  const [minutes, seconds] = text.split(':').map(Number);
  return (minutes ?? 0) * 60 + (seconds ?? 0);
}

export const ClockItemInputSchema = z
  .strictObject({
    title: z.string().trim().min(1, 'A title is required').max(200, 'A title has at most 200 characters'),
    kind: ClockItemKindSchema,
    durationSeconds: z
      .number({ error: 'A duration is required' })
      .int('Whole seconds')
      .min(0, 'A duration cannot be negative')
      .max(3600, 'A clock item is at most an hour'),
    /** Pinned to this time past the hour (required for a hard post, optional for the others). */
    postAt: PostTimeSchema.nullable().default(null),
  })
  .superRefine((item, ctx) => {
    if (item.kind === 'hard_post' && item.postAt === null)
      ctx.addIssue({ code: 'custom', path: ['postAt'], message: 'A hard post needs its time past the hour (mm:ss)' });
    if (item.postAt !== null && postSecondsOf(item.postAt) + item.durationSeconds > 3600)
      ctx.addIssue({ code: 'custom', path: ['durationSeconds'], message: 'A pinned item must end by the top of the next hour' });
  });
export type ClockItemInput = z.input<typeof ClockItemInputSchema>;
export type ClockItem = z.output<typeof ClockItemInputSchema>;

export const SaveClockSchema = z
  .strictObject({
    /** The clock's version (1 for a program that never had one). */
    version: VersionSchema,
    items: z.array(ClockItemInputSchema).max(60, 'A clock has at most 60 items'),
  })
  .superRefine((clock, ctx) => {
    // Posts in order, never overlapping: each pinned item must start after the previous one ends.
    let lastEnd = -1;
    clock.items.forEach((item, i) => {
      if (item.postAt === null) return;
      const at = postSecondsOf(item.postAt);
      if (at < lastEnd)
        ctx.addIssue({
          code: 'custom',
          path: ['items', i, 'postAt'],
          message: 'Posts must be in time order and not overlap the previous post',
        });
      lastEnd = at + item.durationSeconds;
    });
  });
export type SaveClockInput = z.input<typeof SaveClockSchema>;

export const ClockSchema = z.object({
  programId: IdSchema,
  version: z.number().int(),
  items: z.array(
    z.object({ title: z.string(), kind: ClockItemKindSchema, durationSeconds: z.number().int(), postAt: z.string().nullable() }),
  ),
  /** Sum of the item durations (an hour is 3600). */
  plannedSeconds: z.number().int(),
  updatedAt: z.string().nullable(),
});
export type Clock = z.infer<typeof ClockSchema>;

/**
 * The instants at which a station-time hour starts inside [start, end): the wall clock reads
 * hh:00:00 there. Walks real time, so the hour that does not exist on the spring-forward day is
 * absent and the repeated hour of the fall-back day appears twice.
 */
export function clockHourStarts(start: number, end: number, timeZone: string): number[] {
  const out: number[] = [];
  const local = wallClock(start, timeZone);
  // The hour that contains `start`, then step an hour of real time (zones shift by whole hours or
  // half hours; the wall clock is re-read at every step to stay on hh:00).
  let at = start - (local.minute * 60 + local.second) * 1000 - (start % 1000);
  if (at < start) at += 3600_000;
  let guard = 0;
  while (at < end && guard++ < 10_000) {
    const wall = wallClock(at, timeZone);
    const skew = (wall.minute * 60 + wall.second) * 1000;
    if (skew !== 0) {
      // A half-hour shift: the next hh:00 is this far ahead.
      at += 3600_000 - skew;
      continue;
    }
    out.push(at);
    at += 3600_000;
  }
  return out;
}

/** A clock expanded into a block: rundown items in order, each pinned one with its post instant. */
export interface ExpandedClockItem {
  title: string;
  kind: ClockItemKind;
  durationSeconds: number;
  postAt: number | null;
}

/**
 * The clock laid over a block: once per station-time hour starting inside [start, end). A pinned
 * item whose post falls at or after the block's end is left out (with the floating items after it
 * in that hour, which would not fit either).
 */
export function expandClock(items: readonly ClockItem[], start: number, end: number, timeZone: string): ExpandedClockItem[] {
  const out: ExpandedClockItem[] = [];
  for (const hour of clockHourStarts(start, end, timeZone)) {
    for (const item of items) {
      const postAt = item.postAt === null ? null : hour + postSecondsOf(item.postAt) * 1000;
      if (postAt !== null && postAt >= end) break;
      out.push({ title: item.title, kind: item.kind, durationSeconds: item.durationSeconds, postAt });
    }
  }
  return out;
}
