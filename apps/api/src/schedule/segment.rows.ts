import { defined } from '@newsdesk/contracts';
import {
  formatLocalDate,
  formatLocalTime,
  formatZoned,
  wallClock,
  zoneAbbreviation,
  type ConflictingSegment,
  type Segment,
} from '@newsdesk/contracts';
import type { Db } from '../common/db.js';
import { CollisionError } from '../common/errors.js';
import { effectiveStatus } from '../stories/story-live.js';
import type { ScheduleRepository, SegmentRow } from './schedule.repository.js';

export { NEUTRAL_SEGMENT_TITLE, SEGMENT_SELECT, untitleStorySegments, type SegmentRow } from './schedule.repository.js';

export function toSegmentDto(row: SegmentRow): Segment {
  const starts = row.starts_at.getTime();
  const ends = row.ends_at.getTime();
  return {
    id: row.id,
    stationId: row.station_id,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    startsAtLocal: formatZoned(starts, row.timezone),
    endsAtLocal: formatZoned(ends, row.timezone),
    durationSeconds: row.duration_seconds,
    title: row.title,
    kind: row.kind,
    status: row.status,
    programId: row.program_id,
    program:
      row.program_id && row.program_name !== null ? { id: row.program_id, name: row.program_name, slug: row.program_slug ?? '' } : null,
    storyId: row.story_id,
    story:
      row.story_id && row.story_slug !== null
        ? {
            id: row.story_id,
            slug: row.story_slug,
            headline: row.story_headline ?? '',
            status: effectiveStatus(defined(row.story_status, 'story status'), row.story_published_at),
          }
        : null,
    notes: row.notes,
    recurrenceId: row.recurrence_id,
    rundownItems: row.rundown_items,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** "Mon 9 Mar 05:00-09:00 EDT" in the station's zone, for messages. */
export function describeSpan(starts: number, ends: number, timeZone: string): string {
  const start = wallClock(starts, timeZone);
  const end = wallClock(ends, timeZone);
  const day = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short' }).format(new Date(starts));
  const endDay = formatLocalDate(end) === formatLocalDate(start) ? '' : ' (next day)';
  return `${day} ${formatLocalTime(start)}–${formatLocalTime(end)}${endDay} ${zoneAbbreviation(starts, timeZone)}`;
}

/**
 * After the exclusion constraint refused a write (SQLSTATE 23P01, the transaction already rolled
 * back): find the segment in the way and say which, as a 409 with `conflict` and a field error on
 * `startsAt` for the form. Another request may have moved it meanwhile; then the message is generic.
 */
export async function overlapError(
  repo: ScheduleRepository,
  stationId: string,
  starts: number,
  ends: number,
  timeZone: string,
  exceptId: string | null,
  tx?: Db,
): Promise<CollisionError> {
  const row = await repo.firstOverlap(stationId, new Date(starts), new Date(ends), exceptId, tx);
  if (!row) {
    const message = 'This time overlaps another segment of the station (it changed meanwhile); reload the day and try again.';
    return new CollisionError(message, [{ field: 'startsAt', message }]);
  }
  const conflict: ConflictingSegment = {
    id: row.id,
    title: row.title,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    startsAtLocal: formatZoned(row.starts_at.getTime(), timeZone),
    endsAtLocal: formatZoned(row.ends_at.getTime(), timeZone),
  };
  const message = `Overlaps "${row.title}" (${describeSpan(row.starts_at.getTime(), row.ends_at.getTime(), timeZone)}). Segments of a station cannot overlap.`;
  return new CollisionError(message, [{ field: 'startsAt', message }], conflict);
}
