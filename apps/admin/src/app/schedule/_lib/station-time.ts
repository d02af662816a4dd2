import { addDays, dayOfWeek, formatLocalTime, parseLocalDate, parseZonedTime, wallClock, zoneAbbreviation } from '@newsdesk/contracts';

/**
 * Station-local renderings for the schedule pages. Every function takes the station's zone
 * explicitly, so the server and the browser render the same text (no hydration mismatch) and a
 * producer in Berlin sees WAMU's day in Washington time.
 */

const ms = (iso: string | number) => (typeof iso === 'number' ? iso : Date.parse(iso));

/** "05:00" (or "05:00:30") on the station's clock. */
export function clock(iso: string | number, timeZone: string, withSeconds = false): string {
  return formatLocalTime(wallClock(ms(iso), timeZone), withSeconds);
}

/** "05:00 EST" (to the minute). */
export function clockWithZone(iso: string | number, timeZone: string): string {
  return `${formatLocalTime({ ...wallClock(ms(iso), timeZone), second: 0 })} ${zoneAbbreviation(ms(iso), timeZone)}`;
}

/** "Sunday 8 March 2026" for a local date. */
export function dayLabel(date: string): string {
  const local = parseLocalDate(date);
  if (!local) return date;
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(
    new Date(Date.UTC(local.year, local.month - 1, local.day)),
  );
}

/** "Mon 9 Mar" */
export function shortDayLabel(date: string): string {
  const local = parseLocalDate(date);
  if (!local) return date;
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' }).format(
    new Date(Date.UTC(local.year, local.month - 1, local.day)),
  );
}

/** The Monday of the week holding `date`. */
export function mondayOf(date: string): string {
  return addDays(date, -((dayOfWeek(date) + 6) % 7));
}

/** `YYYY-MM-DD` when it is a real date, else null (for search params). */
export function validDate(value: string | string[] | undefined): string | null {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && parseLocalDate(value) ? value : null;
}

/** What happens to the clocks on a day that is not 24 hours long, for a banner; null otherwise. */
export function clockChangeNote(hours: number, dayStart: string, dayEnd: string, timeZone: string): string | null {
  if (hours === 24) return null;
  const before = zoneAbbreviation(ms(dayStart), timeZone);
  const after = zoneAbbreviation(ms(dayEnd) - 1000, timeZone);
  return hours < 24
    ? `Clocks spring forward today (${before} to ${after}): a ${hours}-hour day. Times in the skipped hour do not exist.`
    : `Clocks fall back today (${before} to ${after}): a ${hours}-hour day. The repeated hour happens twice; pick which when you enter it.`;
}

/** The local date and time of a segment's start, for its form ("2026-03-08", "05:00", and the offset when that time happens twice). */
export function localParts(startsAtLocal: string, timeZone: string): { date: string; time: string; offset: string } {
  const date = startsAtLocal.slice(0, 10);
  const seconds = startsAtLocal.slice(17, 19);
  const time = seconds === '00' ? startsAtLocal.slice(11, 16) : startsAtLocal.slice(11, 19);
  const offset = startsAtLocal.slice(19);
  const plain = parseZonedTime(`${date}T${time}`, timeZone);
  return { date, time, offset: !plain.ok && plain.reason === 'ambiguous' ? offset : '' };
}
