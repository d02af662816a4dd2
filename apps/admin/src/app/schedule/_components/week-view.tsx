'use client';

import { addDays, type MaterializeResult, type Program, type Recurrence, type Slot, type Station } from '@newsdesk/contracts';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { browserApi, isApiError } from '@/lib/api';
import { clock, shortDayLabel } from '../_lib/station-time';
import { ProgramForm } from './program-form';
import { RuleForm } from './rule-form';

const STATE_LABELS: Record<Slot['state'], string> = { scheduled: 'Scheduled', open: 'Open', conflict: 'Conflict' };

interface Props {
  station: Station;
  from: string;
  today: string;
  slots: readonly Slot[];
  recurrences: readonly Recurrence[];
  programs: readonly Program[];
  canWrite: boolean;
}

/** Seven station-local days of recurring slots; producers materialize them and manage the rules. */
export function WeekView({ station, from, today, slots, recurrences, programs, canWrite }: Props) {
  const router = useRouter();
  const [result, setResult] = useState<MaterializeResult | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const zone = station.timezone;
  const days = Array.from({ length: 7 }, (_, i) => addDays(from, i));
  const open = slots.filter((slot) => slot.state === 'open').length;

  async function run(task: () => Promise<void>) {
    setProblem(null);
    setBusy(true);
    try {
      await task();
      router.refresh();
    } catch (error) {
      setProblem(isApiError(error) ? (error.problem.detail ?? error.problem.title) : 'The server could not be reached.');
    } finally {
      setBusy(false);
    }
  }

  const materialize = () =>
    run(async () => setResult(await browserApi.call('stations.materializeSlots', { params: { id: station.id }, body: { from, days: 7 } })));
  const toggle = (rule: Recurrence) =>
    run(async () => {
      await browserApi.call('recurrences.update', { params: { id: rule.id }, body: { version: rule.version, active: !rule.active } });
    });
  const remove = (rule: Recurrence) =>
    window.confirm(`Delete the rule "${rule.title}: ${rule.summary}"? Segments already made from it stay.`)
      ? run(async () => {
          await browserApi.call('recurrences.delete', { params: { id: rule.id }, query: { version: rule.version } });
        })
      : undefined;

  return (
    <section aria-labelledby="week-title" className="week-view">
      <div className="day-summary">
        <p className="muted">
          {slots.length} recurring slot{slots.length === 1 ? '' : 's'} this week · {open} open ·{' '}
          {slots.filter((slot) => slot.state === 'conflict').length} in conflict
        </p>
        {canWrite ? (
          <button type="button" className="button button-primary" onClick={materialize} disabled={busy || !open}>
            {busy ? 'Working…' : 'Fill this week from the rules'}
          </button>
        ) : null}
      </div>
      {problem ? (
        <p className="banner banner-error" role="alert">
          {problem}
        </p>
      ) : null}
      {result ? (
        <div className={result.conflicts ? 'banner banner-warning' : 'banner banner-success'} role="status">
          <p className="banner-title">
            Created {result.created} segment{result.created === 1 ? '' : 's'}; {result.existing} already scheduled; {result.conflicts}{' '}
            conflict{result.conflicts === 1 ? '' : 's'}.
          </p>
          {result.conflicts ? (
            <ul>
              {result.items
                .filter((item) => item.outcome === 'conflict')
                .map((item) => (
                  <li key={`${item.recurrenceId}-${item.local}`}>
                    {shortDayLabel(item.date)} {clock(item.startsAt, zone)} {item.title}:{' '}
                    {item.conflict ? `"${item.conflict.title}" holds that time` : item.note} — left as it is.
                  </li>
                ))}
            </ul>
          ) : null}
        </div>
      ) : null}

      <div className="week-grid">
        {days.map((date) => (
          <div key={date} className={date === today ? 'week-day week-today' : 'week-day'}>
            <h3>
              <Link href={`/schedule/${station.callSign}?date=${date}`}>{shortDayLabel(date)}</Link>
            </h3>
            <ul className="week-slots">
              {slots
                .filter((slot) => slot.date === date)
                .map((slot) => (
                  <li key={`${slot.recurrenceId}-${slot.local}`} className={`week-slot week-slot-${slot.state}`}>
                    <span className="week-slot-time">
                      {clock(slot.startsAt, zone)}–{clock(slot.endsAt, zone)}
                    </span>
                    <span className="week-slot-title">{slot.title}</span>
                    <span className={`badge badge-slot-${slot.state}`}>{STATE_LABELS[slot.state]}</span>
                    {slot.conflict ? <span className="week-slot-note">“{slot.conflict.title}” holds this time</span> : null}
                    {slot.note ? <span className="week-slot-note">{slot.note}</span> : null}
                  </li>
                ))}
            </ul>
          </div>
        ))}
      </div>

      <h2 className="section-title">Recurring slots at {station.callSign}</h2>
      {recurrences.length ? (
        <table className="story-table rules-table">
          <thead>
            <tr>
              <th scope="col">Program</th>
              <th scope="col">When (station time)</th>
              <th scope="col">Rule</th>
              <th scope="col">From</th>
              {canWrite ? (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {recurrences.map((rule) => (
              <tr key={rule.id} className={rule.active ? undefined : 'muted'}>
                <td>
                  {rule.title}
                  {rule.title !== rule.program.name ? <span className="muted"> ({rule.program.name})</span> : null}
                  {rule.active ? '' : ' · paused'}
                </td>
                <td>{rule.summary}</td>
                <td>
                  <code>{rule.rrule}</code>
                </td>
                <td className="nowrap">{rule.startsOn}</td>
                {canWrite ? (
                  <td className="nowrap">
                    <button type="button" className="button button-quiet" onClick={() => toggle(rule)} disabled={busy}>
                      {rule.active ? 'Pause' : 'Resume'}
                    </button>{' '}
                    <button type="button" className="button button-quiet" onClick={() => remove(rule)} disabled={busy}>
                      Delete
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="empty">No recurring slots at this station yet.</p>
      )}
      {canWrite ? (
        <div className="add-panels">
          <details className="panel add-panel">
            <summary>Add a recurring slot</summary>
            <RuleForm station={station} programs={programs} startsOn={from} onSaved={() => router.refresh()} />
          </details>
          <details className="panel add-panel">
            <summary>Add a program</summary>
            <ProgramForm onSaved={() => router.refresh()} />
          </details>
        </div>
      ) : null}
    </section>
  );
}
