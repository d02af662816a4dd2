import { dialPosition, type Station } from '@newsdesk/contracts';
import Link from 'next/link';
import type { ReactNode } from 'react';

/** The station's name and dial, its zone, and the Day / Week tabs of its schedule. */
export function StationHeader({
  station,
  view,
  date,
  children,
}: {
  station: Station;
  view: 'day' | 'week' | 'rundown';
  date: string;
  children?: ReactNode;
}) {
  const base = `/schedule/${station.callSign}`;
  return (
    <div className="page-header schedule-header">
      <div>
        <p className="eyebrow">
          <Link href="/schedule">Schedule</Link>
        </p>
        <h1>
          {station.callSign} <span className="station-dial">{dialPosition(station)}</span>
        </h1>
        <p className="station-facts">
          {station.name}
          {station.city ? ` · ${station.city}` : ''} · times in <strong>{station.timezone}</strong>
          {station.active ? '' : ' · inactive'}
        </p>
      </div>
      <div className="schedule-header-side">
        <nav aria-label="Schedule views">
          <ul className="tabs">
            <li>
              <Link href={`${base}?date=${date}`} aria-current={view === 'day' ? 'page' : undefined}>
                Day
              </Link>
            </li>
            <li>
              <Link href={`${base}/week?start=${date}`} aria-current={view === 'week' ? 'page' : undefined}>
                Week and recurring slots
              </Link>
            </li>
          </ul>
        </nav>
        {children}
      </div>
    </div>
  );
}
