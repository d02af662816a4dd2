'use client';

import { useState, useSyncExternalStore } from 'react';
import { useNow } from '@/lib/use-now';
import { browserTimeZone, formatUtcOffset, instantToZoned, timeZoneList, zonedToInstant, type ZonedResult } from '@/lib/time-zones';

interface Props {
  disabled: boolean;
  scheduling: boolean;
  /** Resolves true when the story was scheduled. */
  onSchedule: (publishAt: string) => Promise<boolean>;
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
 * Schedules the story: a date and time read in a chosen IANA time zone (the browser's by default),
 * shown as the UTC instant it means and the zone's offset then, before anything is sent.
 */
export function SchedulePicker({ disabled, scheduling, onSchedule }: Props) {
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

  async function schedule() {
    if (!result) {
      setError('Enter the date and time the story goes live');
      return;
    }
    if (!result.ok) {
      setError(explain(result, zone));
      return;
    }
    // The page clock (to the second); the API publishes at once any time already past, so this guards that.
    if (inPast) {
      setError('That time has passed. To publish now, use Publish now.');
      return;
    }
    setError(null);
    if (await onSchedule(result.instant.toISOString())) setValue('');
  }

  function inAnHour() {
    const next = new Date(Date.now() + 3600_000);
    next.setUTCMinutes(0, 0, 0);
    setValue(instantToZoned(next, zone));
    setError(null);
  }

  return (
    <fieldset className="schedule" disabled={disabled}>
      <legend>Schedule</legend>
      <div className={error ? 'field field-invalid' : 'field'}>
        <label htmlFor="story-publish-at">Goes live at</label>
        <input
          id="story-publish-at"
          type="datetime-local"
          step={1}
          value={value}
          onChange={(event) => {
            setValue(event.target.value);
            setError(null);
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby="story-publish-at-meaning story-publish-at-error"
        />
      </div>
      <div className="field">
        <label htmlFor="story-publish-zone">Time zone</label>
        <select id="story-publish-zone" value={zone} onChange={(event) => setZone(event.target.value)}>
          {(hydrated ? timeZoneList(ownZone) : [zone]).map((name) => (
            <option key={name} value={name}>
              {name === ownZone ? `${name} (yours)` : name}
            </option>
          ))}
        </select>
      </div>
      <p id="story-publish-at-meaning" className="schedule-meaning" aria-live="polite">
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
        <p id="story-publish-at-error" className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="button" className="button" onClick={schedule}>
        {scheduling ? 'Scheduling…' : 'Schedule'}
      </button>
    </fieldset>
  );
}
