import { addDays, can, localDateOf } from '@newsdesk/contracts';
import type { Metadata } from 'next';
import Link from 'next/link';
import { requireUser, serverApi } from '@/lib/server-api';
import { StationHeader } from '../../_components/station-header';
import { WeekView } from '../../_components/week-view';
import { loadStation } from '../../_lib/load';
import { mondayOf, shortDayLabel, validDate } from '../../_lib/station-time';

type Params = Promise<{ callSign: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const station = await loadStation((await params).callSign);
  return { title: `${station.callSign} week` };
}

/** A station's week of recurring slots (Monday to Sunday, station time), its rules, and materializing them. */
export default async function StationWeekPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const user = await requireUser();
  const station = await loadStation((await params).callSign);
  const today = localDateOf(Date.now(), station.timezone);
  const from = mondayOf(validDate((await searchParams).start) ?? today);
  const api = await serverApi();
  const [slots, recurrences, programs] = await Promise.all([
    api.call('stations.listSlots', { params: { id: station.id }, query: { from, days: 7 } }),
    api.call('recurrences.list', { query: { stationId: station.id } }),
    api.call('programs.list'),
  ]);
  const base = `/schedule/${station.callSign}/week`;

  return (
    <>
      <StationHeader station={station} view="week" date={from} />
      <div className="day-nav">
        <Link className="button" href={`${base}?start=${addDays(from, -7)}`} rel="prev">
          ← Previous week
        </Link>
        <h2 className="day-title" id="week-title">
          Week of {shortDayLabel(from)} – {shortDayLabel(addDays(from, 6))}
        </h2>
        <Link className="button" href={`${base}?start=${addDays(from, 7)}`} rel="next">
          Next week →
        </Link>
        {mondayOf(today) !== from ? <Link href={`${base}?start=${today}`}>This week</Link> : null}
      </div>
      <WeekView
        key={from}
        station={station}
        from={from}
        today={today}
        slots={slots.items}
        recurrences={recurrences.items}
        programs={programs.items}
        canWrite={can(user.roles, 'schedule.write')}
      />
    </>
  );
}
