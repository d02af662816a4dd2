'use client';

import { ENDPOINTS, RundownSchema, formatDuration, timeRundown, type AsRun, type Rundown, type Station } from '@newsdesk/contracts';
import Link from 'next/link';
import { useCallback, useEffect, useRef, useState } from 'react';
import { browserApi, buildPath } from '@/lib/api';
import { useNow } from '@/lib/use-now';
import { clock, clockWithZone } from '../_lib/station-time';

const signed = (seconds: number) => (seconds > 0 ? `+${formatDuration(seconds)}` : formatDuration(seconds));

/**
 * The live on-air view (keyboard-first): the item on air with its countdown, the next items with
 * their back-times, over/under to the next hard post, Space or Enter to take the next item. The
 * state comes from the rundown stream (every take, from any producer on any API process); a take
 * carries the take count this screen saw, so a double press or two producers at once take once.
 */
export function LiveView({ station, rundown: initial, canWrite }: { station: Station; rundown: Rundown; canWrite: boolean }) {
  const zone = station.timezone;
  const [rundown, setRundown] = useState(initial);
  const [asRun, setAsRun] = useState<AsRun | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [connected, setConnected] = useState(false);
  // The take in flight: the take count it was sent with. A newer state (its own response, or the
  // stream, which can show it first) ends it, so the next press is never dropped in that gap.
  const pending = useRef<{ seq: number } | null>(null);
  const seqRef = useRef(initial.live.seq);
  const now = useNow(250);

  const accept = useCallback((next: Rundown) => {
    // Never go back to an older state (a slow response after a newer stream event).
    if (next.live.seq < seqRef.current) return;
    seqRef.current = next.live.seq;
    if (pending.current && next.live.seq > pending.current.seq) pending.current = null;
    setRundown(next);
  }, []);

  useEffect(() => {
    const source = new EventSource(buildPath(ENDPOINTS['segments.rundownStream'].path, { id: initial.segmentId }));
    source.addEventListener('open', () => setConnected(true));
    source.addEventListener('error', () => setConnected(false));
    source.addEventListener('rundown', (event) => {
      const parsed = RundownSchema.safeParse(JSON.parse((event as MessageEvent<string>).data));
      if (parsed.success) {
        setConnected(true);
        accept(parsed.data);
      }
    });
    return () => source.close();
  }, [initial.segmentId, accept]);

  useEffect(() => {
    let stale = false;
    browserApi
      .call('segments.asRun', { params: { id: rundown.segmentId } })
      .then((log) => {
        if (!stale) setAsRun(log);
      })
      .catch(() => undefined);
    return () => {
      stale = true;
    };
  }, [rundown.segmentId, rundown.live.seq]);

  const take = useCallback(
    async (end = false) => {
      if (!canWrite || pending.current) return;
      const inFlight = { seq: seqRef.current };
      pending.current = inFlight;
      setError(null);
      try {
        const result = await browserApi.call('segments.take', {
          params: { id: rundown.segmentId },
          body: { expectedSeq: inFlight.seq, ...(end ? { end: true } : {}) },
        });
        accept(result.rundown);
        if (!result.recorded) setError('Someone else took first: this is the rundown as it is now.');
      } catch (caught) {
        setError(caught instanceof Error ? caught.message : 'The take failed.');
      } finally {
        if (pending.current === inFlight) pending.current = null;
      }
    },
    [canWrite, rundown.segmentId, accept],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== ' ' && event.key !== 'Enter') return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, a, [contenteditable="true"]')) return;
      event.preventDefault();
      if (event.repeat) return;
      void take();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [take]);

  const start = Date.parse(rundown.segment.startsAt);
  const hardOut = Date.parse(rundown.hardOut);
  const currentIndex = rundown.live.ended ? -1 : rundown.items.findIndex((item) => item.id === rundown.live.currentItemId);
  const timing = timeRundown(
    start,
    hardOut,
    rundown.items.map((item) => ({
      durationSeconds: item.durationSeconds,
      postAt: item.postAt ? Date.parse(item.postAt) : null,
      actualStart: item.actualStart ? Date.parse(item.actualStart) : null,
    })),
    now === null ? {} : { now, currentIndex },
  );
  const current = currentIndex >= 0 ? rundown.items[currentIndex] : undefined;
  const remaining =
    current?.actualStart && now !== null
      ? Math.round((Date.parse(current.actualStart) + current.durationSeconds * 1000 - now) / 1000)
      : null;
  const timed = rundown.items.flatMap((item, i) => {
    const time = timing.items[i];
    return time ? [{ item, time }] : [];
  });
  const next = timed.slice(currentIndex + 1, currentIndex + 6);
  const nextPost = timed.find((entry, i) => i > currentIndex && entry.time.pinned) ?? null;
  const onAir = now !== null && now >= start && now < hardOut;
  const base = `/schedule/${station.callSign}/segments/${rundown.segmentId}`;

  return (
    <section className="live" aria-labelledby="live-title">
      <div className="live-head">
        <h2 id="live-title">
          Live: {rundown.segment.title}{' '}
          <span className="muted">
            {clock(start, zone)}–{clockWithZone(hardOut, zone)}
          </span>
        </h2>
        <p className="muted">
          {now !== null ? <span className="mono live-clock">{clock(now, zone, true)}</span> : null}{' '}
          {onAir ? (
            <strong className="live-badge">ON AIR</strong>
          ) : now !== null && now < start ? (
            `Starts in ${formatDuration(Math.round((start - now) / 1000))}`
          ) : (
            'Off air'
          )}
          {' · '}
          <span data-testid="live-connection">{connected ? 'Live updates on' : 'Connecting…'}</span>
          {' · '}
          <Link href={base}>Edit rundown</Link> · <Link href={`${base}/prompter`}>Prompter</Link> ·{' '}
          <Link href={`${base}/print`}>Print</Link>
        </p>
      </div>

      <div className="live-now" aria-live="polite">
        <p className="label">On air now</p>
        {current ? (
          <>
            <p className="live-current" data-testid="live-current">
              {current.title}
            </p>
            <p
              className={`live-countdown mono${remaining !== null && remaining < 0 ? ' rundown-negative' : ''}`}
              data-testid="live-countdown"
            >
              {remaining !== null ? formatDuration(remaining) : ''}
            </p>
          </>
        ) : (
          <p className="live-current" data-testid="live-current">
            {rundown.live.ended ? 'Block ended' : 'Nothing taken yet'}
          </p>
        )}
        {nextPost ? (
          <p className="live-post" data-testid="live-post">
            Next hard post: {nextPost.item.title} at {clock(nextPost.time.startsAt, zone, true)} ·{' '}
            {nextPost.time.gapBeforeSeconds < 0
              ? `over by ${formatDuration(-nextPost.time.gapBeforeSeconds)}`
              : `under by ${formatDuration(nextPost.time.gapBeforeSeconds)}`}
          </p>
        ) : (
          <p className="live-post" data-testid="live-post">
            Hard out {clock(hardOut, zone, true)} ·{' '}
            {timing.items.length && now !== null
              ? (() => {
                  const end = Math.max(timing.items.at(-1)?.endsAt ?? now, now);
                  const diff = Math.round((end - hardOut) / 1000);
                  return diff > 0 ? `over by ${formatDuration(diff)}` : `under by ${formatDuration(-diff)}`;
                })()
              : ''}
          </p>
        )}
      </div>

      {canWrite ? (
        <div className="actions">
          <button type="button" className="button button-primary live-take" onClick={() => void take()} disabled={rundown.live.ended}>
            Take next (Space / Enter)
          </button>
          <button type="button" className="button" onClick={() => void take(true)} disabled={rundown.live.ended || rundown.live.seq === 0}>
            End block
          </button>
          <span className="muted" data-testid="live-seq">
            Takes: {rundown.live.seq}
          </span>
        </div>
      ) : null}
      {error ? (
        <p className="banner banner-info" role="status">
          {error}
        </p>
      ) : null}

      <h3>Next</h3>
      <table className="rundown-table live-next">
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">Duration</th>
            <th scope="col">Front time</th>
            <th scope="col">Back time</th>
          </tr>
        </thead>
        <tbody>
          {next.map(({ item, time }) => (
            <tr key={item.id} className={time.pinned ? 'rundown-pinned' : undefined}>
              <td>
                {item.title}
                {time.pinned ? <span className="rundown-post"> post</span> : null}
              </td>
              <td className="mono">{formatDuration(item.durationSeconds)}</td>
              <td className="mono">{clock(time.startsAt, zone, true)}</td>
              <td className="mono">{clock(time.backTime, zone, true)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {!next.length ? <p className="empty">Nothing after this.</p> : null}

      <h3 id="as-run-title">As run</h3>
      <table className="rundown-table" aria-labelledby="as-run-title" data-testid="as-run">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Item</th>
            <th scope="col">Planned</th>
            <th scope="col">Actual</th>
            <th scope="col">Ran</th>
            <th scope="col">Drift</th>
            <th scope="col">By</th>
          </tr>
        </thead>
        <tbody>
          {asRun?.entries.map((entry) => (
            <tr key={entry.seq}>
              <td>{entry.seq}</td>
              <td>{entry.title}</td>
              <td className="mono">
                {entry.plannedStart ? clock(entry.plannedStart, zone, true) : '—'} ({formatDuration(entry.plannedSeconds)})
              </td>
              <td className="mono">{clock(entry.actualStart, zone, true)}</td>
              <td className="mono">{entry.actualSeconds !== null ? formatDuration(entry.actualSeconds) : 'running'}</td>
              <td className="mono">{entry.driftSeconds !== null ? signed(entry.driftSeconds) : '—'}</td>
              <td>{entry.takenBy ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        {asRun ? <span>Total drift: {signed(asRun.totalDriftSeconds)} · </span> : null}
        <a href={`/api/segments/${rundown.segmentId}/as-run.csv`}>Download the as-run log (CSV)</a>
      </p>
    </section>
  );
}
