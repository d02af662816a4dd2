import { can, dialPosition, localDateOf, type PublicOnAir, type PublicNowNext } from '@newsdesk/contracts';
import type { Metadata } from 'next';
import Link from 'next/link';
import { requireUser, serverApi } from '@/lib/server-api';
import { StationForm } from './_components/station-form';
import { clock, clockWithZone, dayLabel } from './_lib/station-time';

export const metadata: Metadata = { title: 'Schedule' };

function OnAir({ label, item, timeZone }: { label: string; item: PublicOnAir | null; timeZone: string }) {
  return (
    <div className="on-air-line">
      <span className="on-air-label">{label}</span>
      {item ? (
        <span>
          <strong>{item.title}</strong>{' '}
          <span className="muted">
            {clock(item.startsAt, timeZone)}–{clock(item.endsAt, timeZone)}
          </span>
        </span>
      ) : (
        <span className="muted">{label === 'On air' ? 'Nothing scheduled' : 'Nothing after this'}</span>
      )}
    </div>
  );
}

export default async function SchedulePage() {
  const user = await requireUser();
  const api = await serverApi();
  const { items: stations } = await api.call('stations.list');
  const strips = await Promise.all(
    stations.map((station) =>
      station.active
        ? api.call('public.stations.nowNext', { params: { callSign: station.callSign } }).catch((): PublicNowNext | null => null)
        : Promise.resolve(null),
    ),
  );
  const now = Date.now();
  const canWrite = can(user.roles, 'schedule.write');

  return (
    <>
      <div className="page-header">
        <h1>Schedule</h1>
        <p className="muted">What each station airs, in its own time.</p>
        <Link href="/schedule/programs">Programs and podcasts</Link>
      </div>
      {stations.length ? (
        <ul className="station-cards">
          {stations.map((station, i) => {
            const today = localDateOf(now, station.timezone);
            const strip = strips[i];
            return (
              <li key={station.id} className={station.active ? 'station-card' : 'station-card station-inactive'}>
                <h2>
                  <Link href={`/schedule/${station.callSign}`}>
                    {station.callSign} <span className="station-dial">{dialPosition(station)}</span>
                  </Link>
                </h2>
                <p className="station-facts">
                  {station.city || station.name} · {dayLabel(today)}, {clockWithZone(now, station.timezone)}
                </p>
                {strip ? (
                  <>
                    <OnAir label="On air" item={strip.now} timeZone={station.timezone} />
                    <OnAir label="Next up" item={strip.next} timeZone={station.timezone} />
                  </>
                ) : (
                  <p className="muted">{station.active ? 'Now / Next Up unavailable.' : 'Inactive: not listed publicly.'}</p>
                )}
                <p className="actions">
                  <Link className="button" href={`/schedule/${station.callSign}?date=${today}`}>
                    Today
                  </Link>
                  <Link href={`/schedule/${station.callSign}/week?start=${today}`}>Week</Link>
                </p>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="empty">No stations yet.{canWrite ? ' Add the first one below.' : ''}</p>
      )}
      {canWrite ? (
        <details className="panel add-panel">
          <summary>Add a station</summary>
          <StationForm />
        </details>
      ) : null}
    </>
  );
}
