import { RUNDOWN_ITEM_KIND_LABELS, formatDuration, wallClock } from '@newsdesk/contracts';
import type { Metadata } from 'next';
import { requireUser } from '@/lib/server-api';
import { loadStationRundown } from '../../../../_lib/load';
import { clock, clockWithZone, dayLabel } from '../../../../_lib/station-time';

type Params = Promise<{ callSign: string; segmentId: string }>;

export const metadata: Metadata = { title: 'Rundown (print)' };

/**
 * The printable rundown: one page per station-time hour (print stylesheet in schedule.css:
 * `.print-hour` breaks before each hour), times in station time, scripts in full.
 */
export default async function PrintPage({ params }: { params: Params }) {
  const { callSign, segmentId } = await params;
  await requireUser();
  const { station, rundown } = await loadStationRundown(callSign, segmentId);
  const zone = station.timezone;
  // Items by the station-time hour they start in (the repeated hour of a fall-back night is two hours).
  const hours: Array<{ key: string; label: string; items: typeof rundown.items }> = [];
  for (const item of rundown.items) {
    const at = Date.parse(item.startsAt);
    const key = String(Math.floor(at / 3600_000)) + wallClock(at, zone).hour;
    let hour = hours.at(-1);
    if (!hour || hour.key !== key) {
      hour = {
        key,
        label: `${clockWithZone(at - (wallClock(at, zone).minute * 60 + wallClock(at, zone).second) * 1000, zone)} hour`,
        items: [],
      };
      hours.push(hour);
    }
    hour.items.push(item);
  }
  return (
    <article className="print-rundown">
      <header className="print-head">
        <h1>
          {station.callSign} · {rundown.segment.title}
        </h1>
        <p>
          {dayLabel(rundown.segment.startsAtLocal.slice(0, 10))}, {clock(rundown.segment.startsAt, zone)}–
          {clockWithZone(rundown.hardOut, zone)} · planned {formatDuration(rundown.plannedSeconds)} of{' '}
          {formatDuration(rundown.availableSeconds)} ({rundown.state})
        </p>
        <p className="no-print">Print this page (Ctrl+P / ⌘P): one page per hour.</p>
      </header>
      {hours.map((hour) => (
        <section key={hour.key} className="print-hour" aria-label={hour.label}>
          <h2>{hour.label}</h2>
          {hour.items.map((item) => (
            <div key={item.id} className="print-item">
              <p className="print-item-head">
                <span className="mono">{clock(item.startsAt, zone, true)}</span> <strong>{item.title}</strong> ·{' '}
                {RUNDOWN_ITEM_KIND_LABELS[item.kind]} · {formatDuration(item.durationSeconds)}
                {item.readingSeconds ? ` · read ${formatDuration(item.readingSeconds)}` : ''}
                {item.pinned ? ' · HARD POST' : ''} · back {clock(item.backTime, zone, true)}
              </p>
              {item.scriptHtml ? <div className="print-script" dangerouslySetInnerHTML={{ __html: item.scriptHtml }} /> : null}
              {item.notes ? <p className="print-notes">{item.notes}</p> : null}
            </div>
          ))}
        </section>
      ))}
    </article>
  );
}
