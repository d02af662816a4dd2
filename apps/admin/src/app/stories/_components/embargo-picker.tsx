'use client';

import { EmbargoBadge } from '@/components/embargo-badge';
import { InstantPicker } from './instant-picker';

interface Props {
  embargoUntil: string | null;
  /** Readers see the story now: an embargo takes it down until then. */
  live: boolean;
  disabled: boolean;
  running: boolean;
  /** An instant sets the embargo, null lifts it; resolves true when done. */
  onEmbargo: (embargoUntil: string | null) => Promise<boolean>;
}

/**
 * The story's embargo: not for publication before an instant, read in a chosen time zone (the same
 * InstantPicker as the schedule). Publishing earlier schedules the story at the embargo; setting one
 * on a live story takes it down until then; lifting it leaves the publication time where it is.
 */
export function EmbargoPicker({ embargoUntil, live, disabled, running, onEmbargo }: Props) {
  return (
    <InstantPicker
      idPrefix="story-embargo"
      legend="Embargo"
      className="schedule embargo"
      label="Not for publication before"
      emptyMessage="Enter the date and time the embargo ends"
      pastMessage="An embargo must end in the future."
      actionLabel={embargoUntil ? 'Change embargo' : 'Set embargo'}
      runningLabel="Saving embargo…"
      disabled={disabled}
      running={running}
      onPick={(instant) => onEmbargo(instant)}
    >
      {live ? <p className="muted">Readers see this story now: an embargo takes it off every public page until then.</p> : null}
      {embargoUntil ? (
        <p className="embargo-current">
          <EmbargoBadge until={embargoUntil} always />{' '}
          <button type="button" className="link-button" onClick={() => void onEmbargo(null)}>
            Lift embargo
          </button>
        </p>
      ) : null}
    </InstantPicker>
  );
}
