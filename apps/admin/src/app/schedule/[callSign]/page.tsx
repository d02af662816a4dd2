import { addDays, can, localDateOf } from '@newsdesk/contracts';
import type { Metadata } from 'next';
import Form from 'next/form';
import Link from 'next/link';
import { requireUser, serverApi } from '@/lib/server-api';
import { DayView } from '../_components/day-view';
import { StationHeader } from '../_components/station-header';
import { loadStation } from '../_lib/load';
import { dayLabel, validDate } from '../_lib/station-time';

type Params = Promise<{ callSign: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const station = await loadStation((await params).callSign);
  return { title: `${station.callSign} schedule` };
}

/** A station's day, on its own clock: today by default, previous and next day one click away. */
export default async function StationDayPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const user = await requireUser();
  const station = await loadStation((await params).callSign);
  const today = localDateOf(Date.now(), station.timezone);
  const date = validDate((await searchParams).date) ?? today;
  const api = await serverApi();
  const [schedule, programs, stories] = await Promise.all([
    api.call('stations.schedule', { params: { id: station.id }, query: { from: date } }),
    api.call('programs.list'),
    api.call('stories.list', { query: { limit: 100 } }),
  ]);
  const base = `/schedule/${station.callSign}`;

  return (
    <>
      <StationHeader station={station} view="day" date={date} />
      <div className="day-nav">
        <Link className="button" href={`${base}?date=${addDays(date, -1)}`} rel="prev">
          ← Previous day
        </Link>
        <h2 className="day-title" id="day-title">
          {dayLabel(date)}
          {date === today ? <span className="badge badge-today">Today</span> : null}
        </h2>
        <Link className="button" href={`${base}?date=${addDays(date, 1)}`} rel="next">
          Next day →
        </Link>
        {date !== today ? <Link href={`${base}?date=${today}`}>Back to today</Link> : null}
        <Form action={base} className="day-jump">
          <label htmlFor="day-jump" className="visually-hidden">
            Go to date
          </label>
          <input id="day-jump" type="date" name="date" defaultValue={date} />
          <button type="submit" className="button button-quiet">
            Go
          </button>
        </Form>
      </div>
      <DayView
        key={date}
        station={station}
        schedule={schedule}
        programs={programs.items}
        stories={stories.items}
        canWrite={can(user.roles, 'schedule.write')}
      />
    </>
  );
}
