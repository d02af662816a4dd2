import {
  formatLocalDate, formatLocalTime, formatZoned, wallClock, zoneAbbreviation,
  type ConflictingSegment, type Segment, type SegmentKind, type SegmentStatus, type StoryStatus,
} from '@newsdesk/contracts';
import type { EntityManager } from 'typeorm';
import { CollisionError } from '../common/errors.js';
import { effectiveStatus } from '../stories/story-live.js';

/**
 * A title for a segment (alias g) that says nothing of its story: its program's name, or else its
 * kind ("Story", "Newscast"). The public sees it while the segment's story is not live, and a
 * segment that took its title from a story gets it when that story is deleted.
 */
export const NEUTRAL_SEGMENT_TITLE = `COALESCE((SELECT p.name FROM programs p WHERE p.id = g.program_id), initcap(g.kind::text))`;

/**
 * Before a story is deleted: segments that still carry its headline as their title (a segment
 * created without a title takes it) get a neutral one, since once the story is gone the schedule
 * no longer knows the title came from it and would show it publicly.
 */
export async function untitleStorySegments(tx: EntityManager, storyId: string, headline: string): Promise<void> {
  await tx.query(
    `UPDATE segments g SET title = ${NEUTRAL_SEGMENT_TITLE}, version = g.version + 1, updated_at = now()
      WHERE g.story_id = $1 AND g.title = $2`,
    [storyId, headline],
  );
}

/** A segment with what its DTO shows: the station's zone, its program and story, its rundown's size. */
export interface SegmentRow {
  id: string;
  station_id: string;
  starts_at: Date;
  ends_at: Date;
  duration_seconds: number;
  title: string;
  kind: SegmentKind;
  status: SegmentStatus;
  program_id: string | null;
  story_id: string | null;
  notes: string;
  recurrence_id: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  timezone: string;
  program_name: string | null;
  program_slug: string | null;
  story_slug: string | null;
  story_headline: string | null;
  story_status: StoryStatus | null;
  story_published_at: Date | null;
  rundown_items: number;
}

/** `FROM segments g` with the joins SegmentRow needs; callers add WHERE / ORDER BY. */
export const SEGMENT_SELECT = `
  SELECT g.id, g.station_id, g.starts_at, g.ends_at, g.duration_seconds, g.title, g.kind, g.status, g.program_id,
         g.story_id, g.notes, g.recurrence_id, g.version, g.created_at, g.updated_at, st.timezone,
         p.name AS program_name, p.slug AS program_slug,
         s.slug AS story_slug, s.headline AS story_headline, s.status AS story_status, s.published_at AS story_published_at,
         (SELECT count(*)::int FROM rundown_items i WHERE i.segment_id = g.id) AS rundown_items
    FROM segments g
    JOIN stations st ON st.id = g.station_id
    LEFT JOIN programs p ON p.id = g.program_id
    LEFT JOIN stories s ON s.id = g.story_id`;

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
    program: row.program_id && row.program_name !== null ? { id: row.program_id, name: row.program_name, slug: row.program_slug ?? '' } : null,
    storyId: row.story_id,
    story: row.story_id && row.story_slug !== null
      ? { id: row.story_id, slug: row.story_slug, headline: row.story_headline ?? '', status: effectiveStatus(row.story_status!, row.story_published_at) }
      : null,
    notes: row.notes,
    recurrenceId: row.recurrence_id,
    rundownItems: row.rundown_items,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function findSegmentRow(db: EntityManager | { query: EntityManager['query'] }, id: string): Promise<SegmentRow | undefined> {
  const [row]: SegmentRow[] = await db.query(`${SEGMENT_SELECT} WHERE g.id = $1`, [id]);
  return row;
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
  db: { query: EntityManager['query'] },
  stationId: string,
  starts: number,
  ends: number,
  timeZone: string,
  exceptId: string | null,
): Promise<CollisionError> {
  const [row]: Array<{ id: string; title: string; starts_at: Date; ends_at: Date }> = await db.query(
    `SELECT id, title, starts_at, ends_at FROM segments
      WHERE station_id = $1 AND tstzrange(starts_at, ends_at) && tstzrange($2, $3) AND id IS DISTINCT FROM $4
      ORDER BY starts_at LIMIT 1`,
    [stationId, new Date(starts), new Date(ends), exceptId],
  );
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
