'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import {
  DURATION_HINTS,
  SEGMENT_KINDS,
  SEGMENT_KIND_LABELS,
  SEGMENT_STATUSES,
  formatDuration,
  formatOffset,
  parseDuration,
  parseZonedTime,
  zoneAbbreviation,
  type Program,
  type Segment,
  type Station,
  type StorySummary,
} from '@newsdesk/contracts';
import { useEffect, useMemo, useRef } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { Field, fieldAria } from '@/components/field';
import { browserApi } from '@/lib/api';
import { useRecordSave } from '@/lib/use-record-save';
import {
  formFieldOf,
  segmentFormSchema,
  toCreateInput,
  toFormInput,
  toUpdateInput,
  type SegmentFormInput,
  type SegmentFormValues,
} from '../_lib/segment-form';
import { clock, clockWithZone } from '../_lib/station-time';

export interface DialogTarget {
  date: string;
  segment?: Segment;
  /** Prefill from an unscheduled stretch of the day (instants, ms). */
  startsAt?: number;
  endsAt?: number;
}

interface Props {
  station: Station;
  target: DialogTarget;
  programs: readonly Program[];
  stories: readonly StorySummary[];
  onClose: () => void;
  onSaved: (message: string) => void;
}

/** Add or edit a segment, in the station's time; conflicts and DST problems show on the start field. */
export function SegmentDialog({ station, target, programs, stories, onClose, onSaved }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const zone = station.timezone;
  const schema = useMemo(() => segmentFormSchema(zone), [zone]);
  const gap = target.startsAt !== undefined && target.endsAt !== undefined ? { starts: target.startsAt, ends: target.endsAt } : undefined;
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    reset,
    control,
    getFieldState,
    formState: { errors },
  } = useForm<SegmentFormInput, unknown, SegmentFormValues>({
    resolver: zodResolver(schema),
    defaultValues: toFormInput(zone, target.date, target.segment, gap),
  });
  // An overlap is a 409 with errors[] (on the start field); a 409 without them is a stale version.
  const {
    saved: segment,
    setSaved: setSegment,
    notice,
    setNotice,
    busy,
    run,
  } = useRecordSave<Segment, SegmentFormInput, 'save' | 'remove' | 'reload'>({
    initial: target.segment,
    setError,
    fieldOf: formFieldOf,
    invalidTitle: () => null,
    fieldConflicts: true,
  });
  const linkedStory = segment?.story;
  const [date, startTime, offset, duration, programId] = useWatch({
    control,
    name: ['date', 'startTime', 'offset', 'duration', 'programId'],
  });

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  // Which offsets the entered time can have: two in the repeated fall-back hour, else none to choose.
  const plain = date && startTime ? parseZonedTime(`${date}T${startTime}`, zone) : null;
  const choices = plain && !plain.ok && plain.reason === 'ambiguous' ? (plain.offsets ?? []) : [];
  useEffect(() => {
    if (!choices.length && offset) setValue('offset', '');
  }, [choices.length, offset, setValue]);

  const resolved = date && startTime ? parseZonedTime(`${date}T${startTime}${offset ?? ''}`, zone) : null;
  const seconds = parseDuration(duration ?? '', 'minutes');
  const preview =
    resolved?.ok && seconds
      ? `${clockWithZone(resolved.instant, zone)} to ${clockWithZone(resolved.instant + seconds * 1000, zone)} · ${new Date(resolved.instant).toISOString().slice(11, 16)} UTC`
      : null;

  // Choosing a program fills the length the program usually runs, unless the producer typed one.
  useEffect(() => {
    const program = programs.find((item) => item.id === programId);
    if (program && !getFieldState('duration').isDirty && !segment) {
      setValue('duration', formatDuration(program.defaultDurationSeconds));
    }
  }, [programId, programs, getFieldState, setValue, segment]);

  const onSubmit = handleSubmit((values) =>
    run('save', async () => {
      setNotice(null);
      if (!segment) {
        const created = await browserApi.call('segments.create', { body: toCreateInput(station.id, values) });
        onSaved(`Added "${created.title}" at ${clock(created.startsAt, zone)}.`);
        return;
      }
      const update = toUpdateInput(zone, values, segment);
      if (Object.keys(update).length === 1) return onClose();
      const updated = await browserApi.call('segments.update', { params: { id: segment.id }, body: update });
      onSaved(`Saved "${updated.title}".`);
    }),
  );

  async function reload() {
    if (!segment) return;
    await run('reload', async () => {
      const latest = await browserApi.call('segments.get', { params: { id: segment.id } }).catch(() => null);
      if (!latest) return setNotice({ kind: 'error', title: 'This segment no longer exists.' });
      setSegment(latest);
      reset(toFormInput(zone, latest.startsAtLocal.slice(0, 10), latest));
      setNotice(null);
    });
  }

  async function remove() {
    if (!segment || !window.confirm(`Take "${segment.title}" off the schedule?`)) return;
    await run('remove', async () => {
      await browserApi.call('segments.delete', { params: { id: segment.id }, query: { version: segment.version } });
      onSaved(`Removed "${segment.title}".`);
    });
  }

  const titlePlaceholder = programs.find((item) => item.id === programId)?.name ?? '';

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="segment-dialog-title" onClose={onClose} onCancel={onClose}>
      <form onSubmit={onSubmit} noValidate className="dialog-body">
        <h2 id="segment-dialog-title">{segment ? 'Edit segment' : 'Add segment'}</h2>
        <p className="muted">
          {station.callSign} · times in {zone}
        </p>
        {notice?.kind === 'conflict' ? (
          <div className="banner banner-warning" role="alert">
            <p>This segment changed since you opened it. Reload it, then apply your change again.</p>
            <button type="button" className="button" onClick={reload} disabled={busy === 'reload'}>
              Reload the segment
            </button>
          </div>
        ) : notice?.kind === 'session' ? (
          <div className="banner banner-error" role="alert">
            <p>Your session has ended. Your entries are still here: sign in again in a new tab, then save.</p>
          </div>
        ) : notice ? (
          <div className="banner banner-error" role="alert">
            <p>{notice.detail ?? notice.title}</p>
            {notice.items?.length ? (
              <ul>
                {notice.items.map((item) => (
                  <li key={item}>{item}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}

        <Field
          id="segment-title"
          label="Title"
          hint={titlePlaceholder ? 'Leave empty to use the program name.' : undefined}
          error={errors.title}
        >
          <input
            autoComplete="off"
            placeholder={titlePlaceholder}
            {...fieldAria('segment-title', { hint: Boolean(titlePlaceholder), error: errors.title })}
            {...register('title')}
          />
        </Field>
        <div className="form-row">
          <Field id="segment-kind" label="Kind" error={errors.kind}>
            <select {...fieldAria('segment-kind', { error: errors.kind })} {...register('kind')}>
              {SEGMENT_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {SEGMENT_KIND_LABELS[kind]}
                </option>
              ))}
            </select>
          </Field>
          <Field id="segment-status" label="Status" error={errors.status}>
            <select {...fieldAria('segment-status', { error: errors.status })} {...register('status')}>
              {SEGMENT_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {status}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <div className="form-row">
          <Field id="segment-date" label="Date" error={errors.date}>
            <input type="date" {...fieldAria('segment-date', { error: errors.date })} {...register('date')} />
          </Field>
          <Field id="segment-start" label="Start time" hint={`24-hour, ${zone}`} error={errors.startTime}>
            <input
              inputMode="numeric"
              placeholder="05:00"
              autoComplete="off"
              {...fieldAria('segment-start', { hint: true, error: errors.startTime })}
              {...register('startTime')}
            />
          </Field>
          <Field id="segment-duration" label="Duration" hint={DURATION_HINTS.minutes} error={errors.duration}>
            <input
              autoComplete="off"
              placeholder="1:00:00"
              {...fieldAria('segment-duration', { hint: true, error: errors.duration })}
              {...register('duration')}
            />
          </Field>
        </div>
        {choices.length ? (
          <fieldset
            className={errors.offset ? 'field field-invalid offset-choice' : 'field offset-choice'}
            aria-describedby="segment-offset-error"
          >
            <legend>{startTime} happens twice on this day (clocks fall back). Which one?</legend>
            {choices.map((choice, i) => {
              const option = parseZonedTime(`${date}T${startTime}${choice}`, zone);
              const abbreviation = option.ok ? zoneAbbreviation(option.instant, zone) : choice;
              return (
                <label key={choice} className="radio">
                  <input type="radio" value={choice} {...register('offset')} /> {startTime} {abbreviation} ({choice}) —{' '}
                  {i === 0 ? 'the first time' : 'the second time'}
                </label>
              );
            })}
            {errors.offset ? (
              <p id="segment-offset-error" className="field-error" role="alert">
                Choose which {startTime} you mean.
              </p>
            ) : null}
          </fieldset>
        ) : null}
        <p className="when-preview" aria-live="polite">
          {preview ?? (resolved && !resolved.ok && resolved.reason === 'gap' ? resolved.message : '')}
          {resolved?.ok && offset ? ` (offset ${formatOffset(resolved.offsetSeconds)})` : ''}
        </p>
        <div className="form-row">
          <Field id="segment-program" label="Program" error={errors.programId}>
            <select {...fieldAria('segment-program', { error: errors.programId })} {...register('programId')}>
              <option value="">— none —</option>
              {programs.map((program) => (
                <option key={program.id} value={program.id}>
                  {program.name}
                </option>
              ))}
            </select>
          </Field>
          <Field id="segment-story" label="Story" error={errors.storyId}>
            <select {...fieldAria('segment-story', { error: errors.storyId })} {...register('storyId')}>
              <option value="">— none —</option>
              {linkedStory && !stories.some((story) => story.id === linkedStory.id) ? (
                <option value={linkedStory.id}>{linkedStory.headline}</option>
              ) : null}
              {stories.map((story) => (
                <option key={story.id} value={story.id}>
                  {story.headline} ({story.status})
                </option>
              ))}
            </select>
          </Field>
        </div>
        <Field id="segment-notes" label="Producer notes" error={errors.notes}>
          <textarea rows={3} {...fieldAria('segment-notes', { error: errors.notes })} {...register('notes')} />
        </Field>

        <div className="dialog-actions">
          {segment ? (
            <button type="button" className="button button-danger" onClick={remove} disabled={busy !== null}>
              Remove
            </button>
          ) : null}
          <span className="spacer" />
          <button type="button" className="button" onClick={onClose} disabled={busy !== null}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={busy !== null}>
            {busy === 'save' ? 'Saving…' : segment ? 'Save' : 'Add'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
