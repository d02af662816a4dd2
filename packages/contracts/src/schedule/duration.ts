/** Durations as producers read and type them: "4:00:00", "6:00", "90m", "1h 30m", "45s". */

const pad = (value: number) => String(value).padStart(2, '0');

/** 14400 -> "4:00:00"; 360 -> "6:00"; 45 -> "0:45"; negative values get a minus sign. */
export function formatDuration(totalSeconds: number): string {
  const sign = totalSeconds < 0 ? '-' : '';
  const seconds = Math.abs(Math.round(totalSeconds));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  return hours ? `${sign}${hours}:${pad(minutes)}:${pad(rest)}` : `${sign}${minutes}:${pad(rest)}`;
}

/** What a bare number means in a duration field: the field says, in its hint. */
export type DurationUnit = 'seconds' | 'minutes';

/** The hint a duration field shows, naming the unit of a bare number. */
export const DURATION_HINTS: Record<DurationUnit, string> = {
  minutes: 'h:mm:ss, m:ss, or minutes (90 = 1:30:00)',
  seconds: 'm:ss, h:mm:ss, or seconds (90 = 1:30)',
};

/**
 * "h:mm:ss", "m:ss", "1h 30m", "90m", "45s", or a bare number -> seconds; null when empty or
 * unreadable. Colon forms read from the right (seconds last), as on a studio clock. A bare number
 * is in `bareUnit`: minutes for the schedule's lengths (segments, programs, recurring slots,
 * rundown items: "90" is an hour and a half), seconds for an audio clip's length ("90" is 1:30).
 */
export function parseDuration(text: string, bareUnit: DurationUnit): number | null {
  const value = text.trim().toLowerCase();
  if (!value) return null;
  if (/^\d+$/.test(value)) return Number(value) * (bareUnit === 'minutes' ? 60 : 1);
  const colon = /^(?:(\d+):)?(\d{1,2}):(\d{2})$/.exec(value);
  if (colon) {
    const [hours, minutes, seconds] = [Number(colon[1] ?? 0), Number(colon[2]), Number(colon[3])];
    if (seconds > 59 || (colon[1] !== undefined && minutes > 59)) return null;
    return hours * 3600 + minutes * 60 + seconds;
  }
  const units = /^(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*(?:(\d+)\s*s)?$/.exec(value);
  if (units && (units[1] || units[2] || units[3])) {
    return Number(units[1] ?? 0) * 3600 + Number(units[2] ?? 0) * 60 + Number(units[3] ?? 0);
  }
  return null;
}
