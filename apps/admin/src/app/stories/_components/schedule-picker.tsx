'use client';

import { InstantPicker } from './instant-picker';

interface Props {
  disabled: boolean;
  scheduling: boolean;
  /** Resolves true when the story was scheduled. */
  onSchedule: (publishAt: string) => Promise<boolean>;
}

/** Schedules the story: the instant it goes live, read in a chosen time zone (InstantPicker). */
export function SchedulePicker({ disabled, scheduling, onSchedule }: Props) {
  return (
    <InstantPicker
      idPrefix="story-publish"
      legend="Schedule"
      className="schedule"
      label="Goes live at"
      emptyMessage="Enter the date and time the story goes live"
      pastMessage="That time has passed. To publish now, use Publish now."
      actionLabel="Schedule"
      runningLabel="Scheduling…"
      disabled={disabled}
      running={scheduling}
      onPick={onSchedule}
    />
  );
}
