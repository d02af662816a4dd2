'use client';

import { useState, useSyncExternalStore, type ReactNode } from 'react';
import { useNow } from '@/lib/use-now';
import { browserTimeZone, formatUtcOffset, instantToZoned, timeZoneList, zonedToInstant, type ZonedResult } from '@/lib/time-zones';

export interface InstantPickerProps {
  /** Element ids start with it: `${idPrefix}-at`, `${idPrefix}-zone`, `${idPrefix}-at-meaning`, `${idPrefix}-at-error`. */
  idPrefix: string;
  legend: string;
  className: string;
  /** The date-and-time field's label. */
  label: string;
  /** Said when the field is empty and the button is pressed. */
  emptyMessage: string;
  /** Said when the instant is not in the future (page clock). */
  pastMessage: string;
  actionLabel: string;
  runningLabel: string;
  disabled: boolean;
  running: boolean;
  /** Resolves true when the instant was taken (the field is then emptied). */
  onPick: (instant: string) => Promise<boolean>;
  /** More actions beside the button (e.g. lifting an embargo). */
  children?: ReactNode;
}

const noop = () => () => {};

function explain(result: ZonedResult, zone: string): string {
  if (!result.ok) {
    return result.reason === 'nonexistent'
      ? `That time does not exist in ${zone}: the clocks skip it (daylight saving). Pick another time.`
      : 'Enter a valid date and time.';
  }
  return '';
}

/**
 * A future instant for a story (its schedule, its embargo): a date and time read in a chosen IANA
 * time zone (the browser's by default), shown as the UTC instant it means and the zone's offset
 * then, before anything is sent.
 */
export function InstantPicker(props: InstantPickerProps) {
  const { idPrefix, legend, className, label, emptyMessage, pastMessage, actionLabel, runningLabel, disabled, running, onPick, children } =
    props;
  // The browser's zone is only known in the browser: the server renders UTC, hydration switches.
  const ownZone = useSyncExternalStore(noop, browserTimeZone, () => 'UTC');
  const hydrated = useSyncExternalStore(
    noop,
    () => true,
    () => false,
  );
  const [chosenZone, setZone] = useState<string | null>(null);
  const zone = chosenZone ?? ownZone;
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);

  const result = value ? zonedToInstant(value, zone) : null;
  const now = useNow();
  const inPast = result?.ok && now !== null ? result.instant.getTime() <= now : false;

  async function pick() {
    if (!result) {
      setError(emptyMessage);
      return;
    }
    if (!result.ok) {
      setError(explain(result, zone));
      return;
    }
    // The page clock (to the second): the API would take a past instant otherwise (publish now) or refuse it (embargo).
    if (inPast) {
      setError(pastMessage);
      return;
    }
    setError(null);
    if (await onPick(result.instant.toISOString())) setValue('');
  }

  function inAnHour() {
    const next = new Date(Date.now() + 3600_000);
    next.setUTCMinutes(0, 0, 0);
    setValue(instantToZoned(next, zone));
    setError(null);
  }

  return (
    <fieldset className={className} disabled={disabled}>
      <legend>{legend}</legend>
      <div className={error ? 'field field-invalid' : 'field'}>
        <label htmlFor={`${idPrefix}-at`}>{label}</label>
        <input
          id={`${idPrefix}-at`}
          type="datetime-local"
          step={1}
          value={value}
          onChange={(event) => {
            setValue(event.target.value);
            setError(null);
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${idPrefix}-at-meaning ${idPrefix}-at-error`}
        />
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-zone`}>Time zone</label>
        <select id={`${idPrefix}-zone`} value={zone} onChange={(event) => setZone(event.target.value)}>
          {(hydrated ? timeZoneList(ownZone) : [zone]).map((name) => (
            <option key={name} value={name}>
              {name === ownZone ? `${name} (yours)` : name}
            </option>
          ))}
        </select>
      </div>
      <p id={`${idPrefix}-at-meaning`} className="schedule-meaning" aria-live="polite">
        {result?.ok ? (
          <>
            = <strong>{result.instant.toISOString().replace('.000Z', 'Z')}</strong> UTC ({zone} is {formatUtcOffset(result.offsetSeconds)}{' '}
            then
            {result.ambiguous ? '; that time occurs twice as the clocks go back, the first is meant' : ''})
            {inPast ? <span className="field-error"> — in the past</span> : null}
          </>
        ) : result ? (
          explain(result, zone)
        ) : (
          <>
            Read in {zone}.{' '}
            <button type="button" className="link-button" onClick={inAnHour}>
              Next full hour
            </button>
          </>
        )}
      </p>
      {error ? (
        <p id={`${idPrefix}-at-error`} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="button" className="button" onClick={pick}>
        {running ? runningLabel : actionLabel}
      </button>
      {children}
    </fieldset>
  );
}
