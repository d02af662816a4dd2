'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import {
  DURATION_HINTS,
  RUNDOWN_ITEM_KINDS,
  RUNDOWN_ITEM_KIND_LABELS,
  formatDuration,
  parseDuration,
  readingPace,
  readingSeconds,
  richTextToPlain,
  timeRundown,
  type Rundown,
  type Person,
  type Station,
  type StorySummary,
} from '@newsdesk/contracts';
import Link from 'next/link';
import { Fragment, useState } from 'react';
import { useFieldArray, useForm, useWatch } from 'react-hook-form';
import { BodyEditor } from '@/app/stories/_components/body-editor/body-editor';
import { RecordNoticeBanner } from '@/components/record-notice';
import { browserApi } from '@/lib/api';
import { useNow } from '@/lib/use-now';
import { useRecordSave } from '@/lib/use-record-save';
import {
  EMPTY_SCRIPT,
  RundownFormSchema,
  asRecord,
  itemFieldOf,
  paragraph,
  toForm,
  toSave,
  type Input,
  type RundownRecord,
  type Values,
} from './rundown-form-model';
import { ROW_KEYS_HINT, focusItemField, focusScript, rowKeyAction } from './rundown-keys';
import { clock, clockWithZone, dayLabel } from '../_lib/station-time';

/** Ordered items timed as they are typed: front-time, back-time, time to the hard out, over or under. */
export function RundownEditor({
  station,
  rundown: initial,
  stories,
  readers,
  canWrite,
}: {
  station: Station;
  rundown: Rundown;
  stories: readonly StorySummary[];
  /** People who may read items (staff), with their own pace. */
  readers: ReadonlyArray<Pick<Person, 'id' | 'displayName' | 'wordsPerMinute'>>;
  canWrite: boolean;
}) {
  const zone = station.timezone;
  const now = useNow();
  const {
    register,
    control,
    handleSubmit,
    reset,
    setError,
    setValue,
    formState: { errors, isDirty },
  } = useForm<Input, unknown, Values>({
    resolver: zodResolver(RundownFormSchema),
    defaultValues: toForm(initial),
  });
  const { saved, setSaved, notice, setNotice, message, setMessage, busy, run } = useRecordSave<RundownRecord, Input, 'save' | 'reload'>({
    initial: asRecord(initial),
    setError,
    fieldOf: itemFieldOf,
    invalidTitle: () => null,
    notFound: { title: 'This segment no longer exists.' },
  });
  const rundown = saved ?? asRecord(initial);
  const { fields, append, insert, remove, move } = useFieldArray({ control, name: 'items' });
  const blankItem = () => ({
    title: '',
    kind: 'story' as const,
    duration: '3:00',
    storyId: '',
    readerId: '',
    notes: '',
    script: EMPTY_SCRIPT,
    postAt: null,
  });
  /** The pace an item is read at: its reader's own (listed, or as saved), else the program's. */
  const paceOf = (readerId: string | undefined) =>
    readingPace(
      readers.find((reader) => reader.id === readerId)?.wordsPerMinute ??
        rundown.items.find((item) => item.readerId === readerId)?.reader?.wordsPerMinute,
      rundown.wordsPerMinute,
    );
  function onRowKey(event: React.KeyboardEvent, i: number, fieldId: string) {
    const action = canWrite ? rowKeyAction(event) : null;
    if (!action) return;
    event.preventDefault();
    if (action === 'up' && i > 0) {
      move(i, i - 1);
      focusItemField(event.target, i);
    } else if (action === 'down' && i < fields.length - 1) {
      move(i, i + 1);
      focusItemField(event.target, i + 2);
    } else if (action === 'add') {
      insert(i + 1, blankItem(), { focusName: `items.${i + 1}.title` });
    } else if (action === 'script') {
      if (scriptOpen === fieldId) {
        setScriptOpen(null);
        focusItemField(null, i + 1);
      } else {
        setScriptOpen(fieldId);
        focusScript(i + 1);
      }
    }
  }
  const items = useWatch({ control, name: 'items' }) ?? [];

  const start = Date.parse(rundown.segment.startsAt);
  const hardOut = Date.parse(rundown.hardOut);
  const timing = timeRundown(
    start,
    hardOut,
    items.map((item) => ({
      durationSeconds: parseDuration(item?.duration ?? '', 'minutes') ?? 0,
      postAt: item?.postAt ? Date.parse(item.postAt) : null,
    })),
  );
  const [scriptOpen, setScriptOpen] = useState<string | null>(null);
  const [resetKey, setResetKey] = useState(0);
  const sectionBefore = new Map(
    timing.sections.filter((section) => section.postIndex !== null).map((section) => [section.postIndex, section]),
  );
  const onAir = now !== null && now >= start && now < hardOut;
  const current = onAir ? timing.items.findIndex((item) => now >= item.startsAt && now < item.endsAt) : -1;
  const { totals } = timing;

  const onSubmit = handleSubmit((values) =>
    run('save', async () => {
      setNotice(null);
      setMessage(null);
      const next = await browserApi.call('segments.saveRundown', {
        params: { id: rundown.segmentId },
        body: toSave(rundown.version, values),
      });
      setSaved(asRecord(next));
      reset(toForm(next));
      setResetKey((key) => key + 1);
      setMessage('Rundown saved.');
    }),
  );

  async function reload() {
    if (isDirty && !window.confirm('Discard your unsaved changes and load the latest rundown?')) return;
    await run('reload', async () => {
      const latest = await browserApi.call('segments.getRundown', { params: { id: rundown.segmentId } });
      setSaved(asRecord(latest));
      reset(toForm(latest));
      setResetKey((key) => key + 1);
      setNotice(null);
      setMessage(null);
    });
  }

  async function fromClock() {
    if (fields.length && !window.confirm("Replace this rundown with the program's hour clock?")) return;
    await run('save', async () => {
      setNotice(null);
      setMessage(null);
      const next = await browserApi.call('segments.rundownFromClock', {
        params: { id: rundown.segmentId },
        body: { version: rundown.version },
      });
      setSaved(asRecord(next));
      reset(toForm(next));
      setResetKey((key) => key + 1);
      setMessage('Rundown started from the clock.');
    });
  }

  const base = `/schedule/${station.callSign}/segments/${rundown.segmentId}`;

  return (
    <form onSubmit={onSubmit} noValidate className="rundown" aria-labelledby="rundown-title">
      <nav className="rundown-views" aria-label="Rundown views">
        <Link href={`${base}/live`} className="button">
          Live view
        </Link>
        <Link href={`${base}/print`} className="button button-quiet">
          Print
        </Link>
        <Link href={`${base}/prompter`} className="button button-quiet">
          Prompter
        </Link>
        <a href={`/api/segments/${rundown.segmentId}/as-run.csv`} className="button button-quiet">
          As-run CSV
        </a>
      </nav>
      <div className="rundown-head">
        <div>
          <p className="eyebrow">
            <Link href={`/schedule/${station.callSign}?date=${rundown.segment.startsAtLocal.slice(0, 10)}`}>
              {dayLabel(rundown.segment.startsAtLocal.slice(0, 10))}
            </Link>
          </p>
          <h2 id="rundown-title">
            Rundown: {rundown.segment.title}{' '}
            <span className="muted">
              {clock(start, zone)}–{clockWithZone(hardOut, zone)}
            </span>
          </h2>
        </div>
        <dl className="rundown-totals" aria-live="polite">
          <div>
            <dt>Planned</dt>
            <dd>{formatDuration(totals.plannedSeconds)}</dd>
          </div>
          <div>
            <dt>Hard out</dt>
            <dd>
              {clock(hardOut, zone, true)} ({formatDuration(totals.availableSeconds)})
            </dd>
          </div>
          <div className={`rundown-state rundown-${totals.state}`}>
            <dt>{totals.state === 'over' ? 'Over' : totals.state === 'under' ? 'Under' : 'On time'}</dt>
            <dd>{totals.state === 'exact' ? '0:00' : formatDuration(Math.abs(totals.overUnderSeconds))}</dd>
          </div>
          {onAir && now !== null ? (
            <div className="rundown-live">
              <dt>On air</dt>
              <dd>
                {clock(now, zone, true)} · {formatDuration(Math.round((hardOut - now) / 1000))} to hard out
              </dd>
            </div>
          ) : null}
        </dl>
      </div>

      {notice ? <RecordNoticeBanner notice={notice} what="rundown" reloading={busy === 'reload'} onReload={reload} /> : null}
      {message ? (
        <p className="banner banner-success" role="status">
          {message}
        </p>
      ) : null}
      {!canWrite ? <p className="banner banner-info">You can read this rundown but not change it.</p> : null}

      <fieldset disabled={!canWrite || busy !== null}>
        <legend className="visually-hidden">Items</legend>
        <table className="rundown-table">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Front time</th>
              <th scope="col">Item</th>
              <th scope="col">Kind</th>
              <th scope="col">Story</th>
              <th scope="col" title={DURATION_HINTS.minutes}>
                Duration
              </th>
              <th scope="col">Back time</th>
              <th scope="col">To hard out</th>
              {canWrite ? (
                <th scope="col">
                  <span className="visually-hidden">Order</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {fields.map((field, i) => {
              const time = timing.items[i];
              const rowErrors = errors.items?.[i];
              const savedItem = rundown.items.find((item) => item.id === items[i]?.id);
              return (
                <Fragment key={field.id}>
                  <tr
                    className={
                      [i === current ? 'rundown-current' : '', time?.pastHardOut ? 'rundown-past' : ''].join(' ').trim() || undefined
                    }
                    onKeyDown={(event) => onRowKey(event, i, field.id)}
                  >
                    <td>{i + 1}</td>
                    <td className="mono">
                      {time ? clock(time.startsAt, zone, true) : ''}
                      {time?.pinned ? (
                        <span className="rundown-post" title="Hard post: pinned to this time">
                          {' '}
                          post
                          {(() => {
                            const section = sectionBefore.get(i);
                            return section && section.state !== 'exact' ? (
                              <span className={`rundown-${section.state}`}>
                                {' '}
                                {section.state === 'over' ? 'over' : 'under'} {formatDuration(Math.abs(section.overUnderSeconds))}
                              </span>
                            ) : null;
                          })()}
                        </span>
                      ) : null}
                    </td>
                    <td>
                      <input
                        aria-label={`Item ${i + 1} title`}
                        aria-invalid={rowErrors?.title ? true : undefined}
                        {...register(`items.${i}.title`)}
                      />
                      <input
                        className="rundown-notes"
                        aria-label={`Item ${i + 1} notes`}
                        placeholder="Notes"
                        {...register(`items.${i}.notes`)}
                      />
                      {rowErrors?.title ? (
                        <p className="field-error" role="alert">
                          {rowErrors.title.message}
                        </p>
                      ) : null}
                    </td>
                    <td>
                      <select aria-label={`Item ${i + 1} kind`} {...register(`items.${i}.kind`)}>
                        {RUNDOWN_ITEM_KINDS.map((kind) => (
                          <option key={kind} value={kind}>
                            {RUNDOWN_ITEM_KIND_LABELS[kind]}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <select
                        aria-label={`Item ${i + 1} story`}
                        aria-invalid={rowErrors?.storyId ? true : undefined}
                        {...register(`items.${i}.storyId`)}
                      >
                        <option value="">—</option>
                        {(() => {
                          const saved = rundown.items[i];
                          return saved?.story && saved.storyId && !stories.some((story) => story.id === saved.storyId) ? (
                            <option value={saved.storyId}>{saved.story.headline}</option>
                          ) : null;
                        })()}
                        {stories.map((story) => (
                          <option key={story.id} value={story.id}>
                            {story.headline}
                          </option>
                        ))}
                      </select>
                      <select
                        className="rundown-reader"
                        aria-label={`Item ${i + 1} reader`}
                        aria-invalid={rowErrors?.readerId ? true : undefined}
                        {...register(`items.${i}.readerId`)}
                      >
                        <option value="">Read by: the host</option>
                        {(() => {
                          const reader = savedItem?.reader;
                          return reader && !readers.some((listed) => listed.id === reader.id) ? (
                            <option value={reader.id}>Read by {reader.displayName}</option>
                          ) : null;
                        })()}
                        {readers.map((reader) => (
                          <option key={reader.id} value={reader.id}>
                            Read by {reader.displayName}
                            {reader.wordsPerMinute ? ` (${reader.wordsPerMinute} wpm)` : ''}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <input
                        className="input-duration mono"
                        aria-label={`Item ${i + 1} duration`}
                        aria-invalid={rowErrors?.duration ? true : undefined}
                        {...register(`items.${i}.duration`)}
                      />
                      {rowErrors?.duration ? (
                        <p className="field-error" role="alert">
                          Use m:ss
                        </p>
                      ) : null}
                      {(() => {
                        const pace = paceOf(items[i]?.readerId);
                        const reading = readingSeconds(richTextToPlain(items[i]?.script ?? EMPTY_SCRIPT), pace);
                        return reading ? (
                          <span className="rundown-reading muted" data-testid={`reading-${i + 1}`} title={`At ${pace} words per minute`}>
                            read {formatDuration(reading)}
                          </span>
                        ) : null;
                      })()}
                    </td>
                    <td className="mono">{time ? clock(time.backTime, zone, true) : ''}</td>
                    <td className={time && time.secondsToHardOut < 0 ? 'mono rundown-negative' : 'mono'}>
                      {time ? formatDuration(time.secondsToHardOut) : ''}
                    </td>
                    {canWrite ? (
                      <td className="nowrap">
                        <button
                          type="button"
                          className="button button-quiet"
                          aria-expanded={scriptOpen === field.id}
                          onClick={() => setScriptOpen(scriptOpen === field.id ? null : field.id)}
                        >
                          Script {i + 1}
                        </button>
                        <button
                          type="button"
                          className="button button-quiet"
                          aria-label={`Move item ${i + 1} up`}
                          disabled={i === 0}
                          onClick={() => move(i, i - 1)}
                        >
                          ↑
                        </button>
                        <button
                          type="button"
                          className="button button-quiet"
                          aria-label={`Move item ${i + 1} down`}
                          disabled={i === fields.length - 1}
                          onClick={() => move(i, i + 1)}
                        >
                          ↓
                        </button>
                        <button type="button" className="button button-quiet" aria-label={`Remove item ${i + 1}`} onClick={() => remove(i)}>
                          ✕
                        </button>
                      </td>
                    ) : null}
                  </tr>
                  {scriptOpen === field.id ? (
                    <tr className="rundown-script-row" onKeyDown={(event) => onRowKey(event, i, field.id)}>
                      <td colSpan={canWrite ? 9 : 8}>
                        <p className="label" id={`script-label-${i + 1}`}>
                          Script for item {i + 1}
                        </p>
                        {savedItem?.storyTeaser ? (
                          <button
                            type="button"
                            className="button"
                            onClick={() => {
                              const current = items[i]?.script ?? EMPTY_SCRIPT;
                              setValue(
                                `items.${i}.script`,
                                { type: 'doc', content: [paragraph(savedItem.storyTeaser ?? ''), ...current.content] },
                                { shouldDirty: true },
                              );
                              setResetKey((key) => key + 1);
                            }}
                          >
                            Use the story&apos;s teaser as the intro
                          </button>
                        ) : null}
                        <BodyEditor
                          id={`script-${i + 1}`}
                          labelId={`script-label-${i + 1}`}
                          invalid={false}
                          value={items[i]?.script ?? EMPTY_SCRIPT}
                          resetKey={resetKey}
                          editable={canWrite}
                          onChange={(doc) => setValue(`items.${i}.script`, doc, { shouldDirty: true })}
                        />
                        {savedItem?.storyTranscript ? (
                          <details className="rundown-reference">
                            <summary>Transcript (reference)</summary>
                            <pre>{savedItem.storyTranscript}</pre>
                          </details>
                        ) : null}
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              );
            })}
          </tbody>
        </table>
        {!fields.length ? <p className="empty">No items yet.</p> : null}
        {canWrite && fields.length ? <p className="muted rundown-keys">{ROW_KEYS_HINT}</p> : null}
      </fieldset>

      {canWrite ? (
        <div className="actions rundown-actions">
          <button type="button" className="button" onClick={() => append(blankItem())}>
            Add item
          </button>
          {rundown.segment.programId ? (
            <button type="button" className="button" onClick={() => void fromClock()}>
              Start from the program&apos;s clock
            </button>
          ) : null}
          <span className="spacer" />
          <span className="save-state">{isDirty ? 'Unsaved changes' : ''}</span>
          <button type="submit" className="button button-primary" disabled={busy !== null}>
            {busy === 'save' ? 'Saving…' : 'Save rundown'}
          </button>
        </div>
      ) : null}
    </form>
  );
}
