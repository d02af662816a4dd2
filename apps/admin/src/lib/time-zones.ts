import {
  formatLocalDate,
  formatLocalTime,
  formatOffset,
  isValidTimeZone,
  parseLocalDate,
  parseLocalTime,
  resolveLocal,
  wallClock,
} from '@newsdesk/contracts';

/**
 * The story schedule picker's time zones: "2026-03-29 02:30 in Europe/Berlin" is which UTC instant?
 * The zone arithmetic (offsets, DST gaps and repeated hours) is the contracts' local-time.ts, the
 * same code the schedule and the API use; this file adds only what a browser form needs.
 */

/** The browser's own zone (UTC where it cannot tell). */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** Every zone the platform knows, the browser's and UTC always included. */
export function timeZoneList(current: string): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set(['UTC', current, ...zones])].sort((a, b) => (a === 'UTC' ? -1 : b === 'UTC' ? 1 : a.localeCompare(b)));
}

/** "UTC+02:00", "UTC−05:00", "UTC+05:30" (a typographic minus) from an offset in seconds, as the contracts count it. */
export function formatUtcOffset(offsetSeconds: number): string {
  return `UTC${formatOffset(offsetSeconds).replace('-', '\u2212')}`;
}

const LOCAL_INPUT = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2})?)$/;

export type ZonedResult =
  | {
      ok: true;
      instant: Date;
      offsetSeconds: number;
      /** The wall time fell in two instants (clocks went back): the earlier was taken. */ ambiguous: boolean;
    }
  | { ok: false; reason: 'invalid' | 'nonexistent' };

/**
 * The instant at which the clocks in `zone` show `value` (an `<input type="datetime-local">` value).
 * A time skipped by a daylight-saving change does not exist there: that is refused, not guessed.
 */
export function zonedToInstant(value: string, zone: string): ZonedResult {
  const match = LOCAL_INPUT.exec(value);
  const date = match?.[1] ? parseLocalDate(match[1]) : null;
  const time = match?.[2] ? parseLocalTime(match[2]) : null;
  if (!date || time === null || !isValidTimeZone(zone)) return { ok: false, reason: 'invalid' };
  const resolution = resolveLocal({ ...date, hour: Math.floor(time / 3600), minute: Math.floor(time / 60) % 60, second: time % 60 }, zone);
  if (resolution.kind === 'gap') return { ok: false, reason: 'nonexistent' };
  const { instant, offsetSeconds } = resolution.kind === 'unique' ? resolution : resolution.earlier;
  return { ok: true, instant: new Date(instant), offsetSeconds, ambiguous: resolution.kind === 'ambiguous' };
}

/** The `<input type="datetime-local">` value (to the minute) showing this instant in `zone`. */
export function instantToZoned(instant: Date, zone: string): string {
  const wall = wallClock(instant.getTime(), zone);
  return `${formatLocalDate(wall)}T${formatLocalTime({ ...wall, second: 0 })}`;
}

/** "00:59", "12:03:09", "3 d 04:05:06": time left until an instant, for countdowns. */
export function formatCountdown(milliseconds: number): string {
  const total = Math.max(0, Math.ceil(milliseconds / 1000));
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const pad = (value: number) => String(value).padStart(2, '0');
  const clock = hours || days ? `${pad(hours)}:${pad(minutes)}:${pad(seconds)}` : `${pad(minutes)}:${pad(seconds)}`;
  return days ? `${days} d ${clock}` : clock;
}
