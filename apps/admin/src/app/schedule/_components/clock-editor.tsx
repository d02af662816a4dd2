'use client';

import {
  CLOCK_ITEM_KINDS,
  CLOCK_ITEM_KIND_LABELS,
  formatDuration,
  parseDuration,
  type Clock,
  type ClockItemKind,
  type Program,
} from '@newsdesk/contracts';
import { useState } from 'react';
import { browserApi, isApiError } from '@/lib/api';

interface Row {
  key: number;
  title: string;
  kind: ClockItemKind;
  duration: string;
  postAt: string;
}

let nextKey = 0;
const toRows = (clock: Clock): Row[] =>
  clock.items.map((item) => ({
    key: nextKey++,
    title: item.title,
    kind: item.kind,
    duration: formatDuration(item.durationSeconds),
    postAt: item.postAt ?? '',
  }));

/**
 * A program's hour clock: an ordered template of one hour, hard posts pinned to mm:ss past the
 * hour, the rest floating. Field errors come back from the API by row (items.N.field).
 */
export function ClockEditor({ program: initialProgram, clock: initial, canWrite }: { program: Program; clock: Clock; canWrite: boolean }) {
  const [clock, setClock] = useState(initial);
  const [program, setProgram] = useState(initialProgram);
  const [rows, setRows] = useState<Row[]>(() => toRows(initial));
  const [wpm, setWpm] = useState(String(initialProgram.wordsPerMinute));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const update = (key: number, patch: Partial<Row>) =>
    setRows((current) => current.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  const total = rows.reduce((sum, row) => sum + (parseDuration(row.duration, 'minutes') ?? 0), 0);

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setMessage(null);
    try {
      const local: Record<string, string> = {};
      const items = rows.map((row, i) => {
        const seconds = parseDuration(row.duration, 'minutes');
        if (seconds === null) local[`items.${i}.durationSeconds`] = 'Use m:ss';
        return { title: row.title, kind: row.kind, durationSeconds: seconds ?? -1, postAt: row.postAt.trim() || null };
      });
      if (Object.keys(local).length) {
        setErrors(local);
        return;
      }
      const saved = await browserApi.call('programs.saveClock', { params: { id: program.id }, body: { version: clock.version, items } });
      setClock(saved);
      setRows(toRows(saved));
      if (Number(wpm) !== program.wordsPerMinute) {
        setProgram(
          await browserApi.call('programs.update', {
            params: { id: program.id },
            body: { version: program.version, wordsPerMinute: Number(wpm) },
          }),
        );
      }
      setMessage('Clock saved.');
    } catch (error) {
      if (isApiError(error) && error.fieldErrors.length) {
        setErrors(Object.fromEntries(error.fieldErrors.map((field) => [field.field, field.message])));
      } else setMessage(error instanceof Error ? error.message : 'Saving failed.');
    } finally {
      setBusy(false);
    }
  }

  const errorOf = (i: number, field: string) => errors[`items.${i}.${field}`];
  return (
    <form onSubmit={save} noValidate className="clock-editor" aria-labelledby="clock-title">
      <h2 id="clock-title">Hour clock: {program.name}</h2>
      <p className="muted">
        One hour of air, repeated for every station-time hour of a block. Pin hard posts to a time past the hour (mm:ss); the rest float
        between them. Planned: {formatDuration(total)} of 60:00.
      </p>
      {message ? (
        <p className="banner banner-success" role="status">
          {message}
        </p>
      ) : null}
      {errors.version || errors.wordsPerMinute ? (
        <p className="field-error" role="alert">
          {errors.version ?? errors.wordsPerMinute}
        </p>
      ) : null}
      <fieldset disabled={!canWrite || busy}>
        <legend className="visually-hidden">Clock items</legend>
        <table className="rundown-table">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Item</th>
              <th scope="col">Kind</th>
              <th scope="col">Duration</th>
              <th scope="col">Post at (mm:ss)</th>
              <th scope="col">
                <span className="visually-hidden">Order</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={row.key}>
                <td>{i + 1}</td>
                <td>
                  <input
                    aria-label={`Clock item ${i + 1} title`}
                    value={row.title}
                    onChange={(event) => update(row.key, { title: event.target.value })}
                  />
                  {errorOf(i, 'title') ? <p className="field-error">{errorOf(i, 'title')}</p> : null}
                </td>
                <td>
                  <select
                    aria-label={`Clock item ${i + 1} kind`}
                    value={row.kind}
                    onChange={(event) => update(row.key, { kind: event.target.value as ClockItemKind })}
                  >
                    {CLOCK_ITEM_KINDS.map((kind) => (
                      <option key={kind} value={kind}>
                        {CLOCK_ITEM_KIND_LABELS[kind]}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    className="input-duration mono"
                    aria-label={`Clock item ${i + 1} duration`}
                    value={row.duration}
                    onChange={(event) => update(row.key, { duration: event.target.value })}
                  />
                  {errorOf(i, 'durationSeconds') ? <p className="field-error">{errorOf(i, 'durationSeconds')}</p> : null}
                </td>
                <td>
                  <input
                    className="input-duration mono"
                    aria-label={`Clock item ${i + 1} post`}
                    placeholder={row.kind === 'hard_post' ? 'mm:ss' : 'floating'}
                    value={row.postAt}
                    onChange={(event) => update(row.key, { postAt: event.target.value })}
                  />
                  {errorOf(i, 'postAt') ? <p className="field-error">{errorOf(i, 'postAt')}</p> : null}
                </td>
                <td className="nowrap">
                  <button
                    type="button"
                    className="button button-quiet"
                    aria-label={`Move clock item ${i + 1} up`}
                    disabled={i === 0}
                    onClick={() =>
                      setRows((current) => [
                        ...current.slice(0, i - 1),
                        ...current.slice(i, i + 1),
                        ...current.slice(i - 1, i),
                        ...current.slice(i + 1),
                      ])
                    }
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="button button-quiet"
                    aria-label={`Remove clock item ${i + 1}`}
                    onClick={() => setRows((current) => current.filter((r) => r.key !== row.key))}
                  >
                    ✕
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {!rows.length ? <p className="empty">No clock yet: add its items.</p> : null}
        <p>
          <label>
            Reading pace (words per minute, for scripts&apos; reading times){' '}
            <input className="input-duration" aria-label="Words per minute" value={wpm} onChange={(event) => setWpm(event.target.value)} />
          </label>
        </p>
        <div className="actions">
          <button
            type="button"
            className="button"
            onClick={() => setRows((current) => [...current, { key: nextKey++, title: '', kind: 'break', duration: '2:00', postAt: '' }])}
          >
            Add clock item
          </button>
          <span className="spacer" />
          <button type="submit" className="button button-primary">
            {busy ? 'Saving…' : 'Save clock'}
          </button>
        </div>
      </fieldset>
    </form>
  );
}
