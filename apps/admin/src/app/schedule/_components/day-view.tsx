'use client';

import { defined } from '@newsdesk/contracts';
import {
  SEGMENT_KIND_LABELS,
  formatDuration,
  RUNDOWN_SEGMENT_KINDS,
  type Program,
  type Segment,
  type Station,
  type StationSchedule,
  type StorySummary,
} from '@newsdesk/contracts';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useNow } from '@/lib/use-now';
import { clock, clockChangeNote } from '../_lib/station-time';
import { SegmentDialog, type DialogTarget } from './segment-dialog';

type Row =
  { kind: 'segment'; segment: Segment; fromYesterday: boolean; intoTomorrow: boolean } | { kind: 'gap'; starts: number; ends: number };

/** The day as rows: segments in order, and the unscheduled time between them. */
function rowsOf(dayStart: number, dayEnd: number, segments: readonly Segment[]): Row[] {
  const rows: Row[] = [];
  let cursor = dayStart;
  for (const segment of segments) {
    const starts = Date.parse(segment.startsAt);
    const ends = Date.parse(segment.endsAt);
    if (starts > cursor) rows.push({ kind: 'gap', starts: cursor, ends: starts });
    rows.push({ kind: 'segment', segment, fromYesterday: starts < dayStart, intoTomorrow: ends > dayEnd });
    cursor = Math.max(cursor, ends);
  }
  if (cursor < dayEnd) rows.push({ kind: 'gap', starts: cursor, ends: dayEnd });
  return rows;
}

/** Height on the timeline: proportional to airtime, within readable bounds. */
const height = (seconds: number) => `${Math.round(Math.min(Math.max(seconds / 60, 44), 280))}px`;

interface Props {
  station: Station;
  schedule: StationSchedule;
  programs: readonly Program[];
  stories: readonly StorySummary[];
  canWrite: boolean;
}

/** One station-local day as a timeline; producers add and edit segments in a dialog, editors read. */
export function DayView({ station, schedule, programs, stories, canWrite }: Props) {
  const router = useRouter();
  const [target, setTarget] = useState<DialogTarget | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const now = useNow(15_000);
  const day = defined(schedule.days[0], 'the day of a one-day schedule');
  const dayStart = Date.parse(day.startsAt);
  const dayEnd = Date.parse(day.endsAt);
  const rows = rowsOf(dayStart, dayEnd, schedule.segments);
  const zone = station.timezone;
  const note = clockChangeNote(day.hours, day.startsAt, day.endsAt, zone);
  const hostsOf = (programId: string | null) => programs.find((program) => program.id === programId)?.hosts ?? [];
  const scheduledSeconds = schedule.segments.reduce(
    (sum, segment) => sum + (Math.min(Date.parse(segment.endsAt), dayEnd) - Math.max(Date.parse(segment.startsAt), dayStart)) / 1000,
    0,
  );

  function saved(text: string) {
    setTarget(null);
    setMessage(text);
    router.refresh();
  }

  return (
    <section aria-labelledby="day-title" className="day-view">
      <div className="day-summary">
        <p className="muted">
          {schedule.segments.length} segment{schedule.segments.length === 1 ? '' : 's'} · {formatDuration(scheduledSeconds)} of {day.hours}{' '}
          hours scheduled
        </p>
        {message ? (
          <p className="save-state" role="status">
            {message}
          </p>
        ) : null}
        {canWrite ? (
          <button type="button" className="button button-primary" onClick={() => setTarget({ date: day.date })}>
            Add segment
          </button>
        ) : (
          <p className="muted">Read only: producers and admins edit the schedule.</p>
        )}
      </div>
      {note ? <p className="banner banner-warning">{note}</p> : null}

      <ol className="timeline" aria-label={`Schedule of ${station.callSign}`}>
        {rows.map((row) => {
          if (row.kind === 'gap') {
            const onAir = now !== null && now >= row.starts && now < row.ends;
            return (
              <li
                key={`gap-${row.starts}`}
                className={onAir ? 'slot slot-gap slot-now' : 'slot slot-gap'}
                style={{ minHeight: height((row.ends - row.starts) / 1000) }}
              >
                <div className="slot-time">
                  {clock(row.starts, zone)}–{clock(row.ends, zone)}
                </div>
                <div className="slot-body">
                  <p className="slot-title muted">Nothing scheduled{onAir ? ' — dead air now' : ''}</p>
                  <p className="slot-meta">{formatDuration((row.ends - row.starts) / 1000)}</p>
                </div>
                {canWrite ? (
                  <div className="slot-actions">
                    <button
                      type="button"
                      className="button button-quiet"
                      onClick={() => setTarget({ date: day.date, startsAt: row.starts, endsAt: row.ends })}
                    >
                      Add here
                    </button>
                  </div>
                ) : null}
              </li>
            );
          }
          const { segment } = row;
          const starts = Date.parse(segment.startsAt);
          const ends = Date.parse(segment.endsAt);
          const onAir = now !== null && now >= starts && now < ends;
          const hosts = hostsOf(segment.programId);
          return (
            <li
              key={segment.id}
              className={`slot slot-${segment.kind}${onAir ? ' slot-now' : ''}`}
              style={{ minHeight: height(segment.durationSeconds) }}
              aria-label={`${clock(starts, zone)} ${segment.title}`}
            >
              <div className="slot-time">
                <time dateTime={segment.startsAt}>{clock(starts, zone)}</time>–<time dateTime={segment.endsAt}>{clock(ends, zone)}</time>
                {row.fromYesterday ? <span className="slot-continues">from the day before</span> : null}
                {row.intoTomorrow ? <span className="slot-continues">into the next day</span> : null}
              </div>
              <div className="slot-body">
                <p className="slot-title">
                  {segment.title}
                  {onAir ? <span className="badge badge-on-air">On air</span> : null}
                </p>
                <p className="slot-meta">
                  {SEGMENT_KIND_LABELS[segment.kind]} · {formatDuration(segment.durationSeconds)}
                  {segment.program && segment.program.name !== segment.title ? ` · ${segment.program.name}` : ''}
                  {hosts.length ? ` · with ${hosts.join(', ')}` : ''} ·{' '}
                  <span className={`badge badge-segment-${segment.status}`}>{segment.status}</span>
                </p>
                {segment.story ? (
                  <p className="slot-meta">
                    Story: <Link href={`/stories/${segment.story.id}`}>{segment.story.headline}</Link> ({segment.story.status})
                  </p>
                ) : null}
                {segment.notes ? <p className="slot-notes">{segment.notes}</p> : null}
                {onAir && now !== null ? (
                  <progress className="slot-progress" max={ends - starts} value={now - starts} aria-label="Elapsed" />
                ) : null}
              </div>
              <div className="slot-actions">
                {(RUNDOWN_SEGMENT_KINDS as readonly string[]).includes(segment.kind) ? (
                  <Link className="button button-quiet" href={`/schedule/${station.callSign}/segments/${segment.id}`}>
                    Rundown{segment.rundownItems ? ` (${segment.rundownItems})` : ''}
                  </Link>
                ) : null}
                {canWrite ? (
                  <button
                    type="button"
                    className="button button-quiet"
                    onClick={() => setTarget({ date: day.date, segment })}
                    aria-label={`Edit ${segment.title}`}
                  >
                    Edit
                  </button>
                ) : null}
              </div>
            </li>
          );
        })}
      </ol>

      {target ? (
        <SegmentDialog
          station={station}
          target={target}
          programs={programs}
          stories={stories}
          onClose={() => setTarget(null)}
          onSaved={saved}
        />
      ) : null}
    </section>
  );
}
