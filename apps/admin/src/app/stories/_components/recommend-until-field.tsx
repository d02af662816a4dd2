'use client';

import { LocalTime } from '@/components/local-time';
import { InstantPicker } from './instant-picker';

interface Props {
  /** The instant in the form (ISO 8601), or null: no end. */
  value: string | null;
  disabled: boolean;
  /** Sets (an instant) or clears (null) the form's field; the story's Save (or autosave) sends it. */
  onChange: (recommendUntil: string | null) => void;
  /** The field's validation error (form or API), if any. */
  error?: string;
}

/**
 * Until when apps (NPR One) may recommend the story: CDS `recommendUntilDateTime`. Entered as a date
 * and time in a chosen time zone (the same InstantPicker as the schedule and embargo); it is a form
 * field, saved with the story's other fields.
 */
export function RecommendUntilField({ value, disabled, onChange, error }: Props) {
  return (
    <InstantPicker
      idPrefix="story-recommend"
      legend="Recommend until (NPR One)"
      className="schedule recommend-until"
      label="Recommend until"
      emptyMessage="Enter the date and time after which apps stop recommending the story"
      pastMessage="Recommend until must be in the future."
      actionLabel={value ? 'Change recommend until' : 'Set recommend until'}
      runningLabel="Saving…"
      disabled={disabled}
      running={false}
      onPick={async (instant) => {
        onChange(instant);
        return true;
      }}
    >
      <p className="recommend-current" aria-live="polite">
        {value ? (
          <>
            Recommended until <LocalTime iso={value} />.{' '}
            <button type="button" className="link-button" onClick={() => onChange(null)}>
              Clear recommend until
            </button>
          </>
        ) : (
          <span className="muted">No end: apps may recommend the story for as long as they like.</span>
        )}
      </p>
      {error ? (
        <p id="story-recommend-error" className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </InstantPicker>
  );
}
