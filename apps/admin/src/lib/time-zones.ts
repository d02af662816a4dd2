/**
 * Wall-clock times in an IANA time zone <-> instants, with the platform's Intl only (no tz database
 * of our own). Used by the schedule picker: "2026-03-29 02:30 in Europe/Berlin" is which UTC instant?
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let found = formatters.get(zone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, found);
  }
  return found;
}

export function isTimeZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

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

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallTimeAt(instant: number, zone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const part of formatter(zone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour! % 24, minute: parts.minute!, second: parts.second! };
}

const asUtc = (wall: WallTime) => Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);

/** Minutes the zone is ahead of UTC at this instant (e.g. 120 for Berlin in summer). */
export function zoneOffsetMinutes(instant: number, zone: string): number {
  return Math.round((asUtc(wallTimeAt(instant, zone)) - Math.floor(instant / 1000) * 1000) / 60_000);
}

/** "UTC+02:00", "UTC−05:00", "UTC+05:30". */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '−' : '+';
  const abs = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

export type ZonedResult =
  | { ok: true; instant: Date; offsetMinutes: number; /** The wall time fell in two instants (clocks went back): the earlier was taken. */ ambiguous: boolean }
  | { ok: false; reason: 'invalid' | 'nonexistent' };

/**
 * The instant at which the clocks in `zone` show `value` (an `<input type="datetime-local">` value).
 * A time skipped by a daylight-saving change does not exist there: that is refused, not guessed.
 */
export function zonedToInstant(value: string, zone: string): ZonedResult {
  const match = LOCAL_INPUT.exec(value);
  if (!match || !isTimeZone(zone)) return { ok: false, reason: 'invalid' };
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const wall: WallTime = { year, month, day, hour, minute, second };
  const target = asUtc(wall);
  if (Number.isNaN(target) || new Date(target).getUTCDate() !== day || month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) {
    return { ok: false, reason: 'invalid' };
  }
  // Try the offsets in force around that time; keep the candidates that really show this wall time.
  const offsets = new Set([zoneOffsetMinutes(target - 86_400_000, zone), zoneOffsetMinutes(target, zone), zoneOffsetMinutes(target + 86_400_000, zone)]);
  const candidates = [...offsets]
    .map((offset) => target - offset * 60_000)
    .filter((instant) => asUtc(wallTimeAt(instant, zone)) === target)
    .sort((a, b) => a - b);
  const first = candidates[0];
  if (first === undefined) return { ok: false, reason: 'nonexistent' };
  return { ok: true, instant: new Date(first), offsetMinutes: zoneOffsetMinutes(first, zone), ambiguous: candidates.length > 1 };
}

/** The `<input type="datetime-local">` value (to the minute) showing this instant in `zone`. */
export function instantToZoned(instant: Date, zone: string): string {
  const wall = wallTimeAt(instant.getTime(), zone);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${wall.year}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}`;
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
