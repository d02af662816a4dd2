/**
 * Station-local wall-clock time <-> UTC instants, with the platform's Intl (full ICU in Node 20
 * and every current browser). No dependency, no tz data of our own: the zone rules are the
 * runtime's.
 *
 * A wall-clock time in a zone is one of three things:
 *  - unique: exactly one instant shows that time (almost always);
 *  - ambiguous: two instants show it (the repeated hour when clocks fall back), told apart by
 *    their UTC offset;
 *  - in a gap: no instant shows it (the hour skipped when clocks spring forward).
 * `resolveLocal` says which, and `parseZonedTime` turns a producer's text into an instant or a
 * message that names the problem.
 */

/** A wall-clock date and time, as read on a clock in some zone (no zone attached). */
export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, found);
  }
  return found;
}

/** True when the runtime knows this IANA zone name (e.g. "America/New_York"). */
export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone || timeZone.length > 64) return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's canonical spelling as the runtime reports it ("america/new_york" -> "America/New_York"). */
export function canonicalTimeZone(timeZone: string): string {
  return formatter(timeZone).resolvedOptions().timeZone;
}

/** The wall clock in `timeZone` at this instant (milliseconds since the epoch; sub-second part dropped). */
export function wallClock(instant: number, timeZone: string): LocalDateTime {
  const parts = formatter(timeZone).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value);
  const era = parts.find((part) => part.type === 'era')?.value;
  const year = era === 'BC' || era === 'B' ? 1 - get('year') : get('year');
  return { year, month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** The wall clock read as if it were UTC, in milliseconds: the arithmetic form of a LocalDateTime. */
export function localToEpoch(local: LocalDateTime): number {
  const date = new Date(0);
  date.setUTCFullYear(local.year, local.month - 1, local.day);
  date.setUTCHours(local.hour, local.minute, local.second, 0);
  return date.getTime();
}

export function epochToLocal(ms: number): LocalDateTime {
  const date = new Date(ms);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
  };
}

/** The zone's UTC offset at this instant, in seconds (New York in winter: -18000). */
export function offsetSecondsAt(instant: number, timeZone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  return Math.round((localToEpoch(wallClock(whole, timeZone)) - whole) / 1000);
}

export type Resolution =
  | { kind: 'unique'; instant: number; offsetSeconds: number }
  /** Two instants show this time; `earlier` is the first pass through the repeated hour. */
  | { kind: 'ambiguous'; earlier: { instant: number; offsetSeconds: number }; later: { instant: number; offsetSeconds: number } }
  /**
   * No instant shows this time. `shifted` reads it with the offset in force before the jump, which
   * lands as far after the jump as the time was after its start (RFC 5545's rule; 02:30 -> 03:30).
   */
  | { kind: 'gap'; offsetBefore: number; offsetAfter: number; shifted: number; transition: number };

/**
 * Every instant at which the zone's clock shows `local`. Works for any zone whose offset changes
 * at most once within a day either side (every zone in the tz database, in modern times).
 */
export function resolveLocal(local: LocalDateTime, timeZone: string): Resolution {
  const asUtc = localToEpoch(local);
  const offsetBefore = offsetSecondsAt(asUtc - DAY_MS, timeZone);
  const offsetAfter = offsetSecondsAt(asUtc + DAY_MS, timeZone);
  const candidates = [...new Set([offsetBefore, offsetAfter])]
    .map((offset) => ({ instant: asUtc - offset * 1000, offsetSeconds: offset }))
    .filter((candidate) => localToEpoch(wallClock(candidate.instant, timeZone)) === asUtc)
    .sort((a, b) => a.instant - b.instant);
  const [first, second] = candidates;
  if (first && !second) return { kind: 'unique', ...first };
  if (first && second) return { kind: 'ambiguous', earlier: first, later: second };
  return { kind: 'gap', offsetBefore, offsetAfter, shifted: asUtc - offsetBefore * 1000, transition: findTransition(asUtc, timeZone) };
}

/** The instant the zone's offset changes near `around` (binary search to the second). */
function findTransition(around: number, timeZone: string): number {
  let low = around - DAY_MS - 14 * 3_600_000;
  let high = around + DAY_MS + 14 * 3_600_000;
  const before = offsetSecondsAt(low, timeZone);
  while (high - low > 1000) {
    const middle = Math.floor((low + high) / 2000) * 1000;
    if (offsetSecondsAt(middle, timeZone) === before) low = middle;
    else high = middle;
  }
  return high;
}

/** The one instant for a wall-clock time, or the earlier of two; a time in a gap moves forward (RFC 5545). */
export function instantForLocal(local: LocalDateTime, timeZone: string): number {
  const resolution = resolveLocal(local, timeZone);
  if (resolution.kind === 'unique') return resolution.instant;
  if (resolution.kind === 'ambiguous') return resolution.earlier.instant;
  return resolution.shifted;
}

// ---- Text forms ---------------------------------------------------------------------------------

const pad = (value: number, width = 2) => String(Math.abs(value)).padStart(width, '0');

/** "YYYY-MM-DD" of a local date. */
export function formatLocalDate(local: Pick<LocalDateTime, 'year' | 'month' | 'day'>): string {
  return `${local.year < 0 ? '-' : ''}${pad(local.year, 4)}-${pad(local.month)}-${pad(local.day)}`;
}

/** "HH:MM" or "HH:MM:SS" (seconds only when not zero, unless `withSeconds`). */
export function formatLocalTime(local: Pick<LocalDateTime, 'hour' | 'minute' | 'second'>, withSeconds = false): string {
  const base = `${pad(local.hour)}:${pad(local.minute)}`;
  return withSeconds || local.second ? `${base}:${pad(local.second)}` : base;
}

/** "+03:00", "-05:00", "+05:30". */
export function formatOffset(offsetSeconds: number): string {
  const minutes = Math.round(Math.abs(offsetSeconds) / 60);
  return `${offsetSeconds < 0 ? '-' : '+'}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** RFC 3339 with the zone's offset: "2026-03-08T05:00:00-05:00". */
export function formatZoned(instant: number, timeZone: string): string {
  const local = wallClock(instant, timeZone);
  return `${formatLocalDate(local)}T${formatLocalTime(local, true)}${formatOffset(offsetSecondsAt(instant, timeZone))}`;
}

/** The local calendar date ("YYYY-MM-DD") in `timeZone` at this instant. */
export function localDateOf(instant: number, timeZone: string): string {
  return formatLocalDate(wallClock(instant, timeZone));
}

/** The zone's short name at this instant, as the runtime spells it in English ("EST", "EDT", "GMT+3"). */
export function zoneAbbreviation(instant: number, timeZone: string): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' })
    .formatToParts(new Date(instant))
    .find((item) => item.type === 'timeZoneName');
  return part?.value ?? formatOffset(offsetSecondsAt(instant, timeZone));
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?$/;
const TIME = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;

function validDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(2000, month, 0)).getUTCDate() + (month === 2 && !isLeap(year) ? -1 : 0);
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** "YYYY-MM-DD" -> a local date at midnight, or null when it is not a real date. */
export function parseLocalDate(text: string): LocalDateTime | null {
  const match = DATE.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return validDate(year, month, day) ? { year, month, day, hour: 0, minute: 0, second: 0 } : null;
}

/** "HH:MM" or "HH:MM:SS" (24-hour) -> seconds after midnight, or null. */
export function parseLocalTime(text: string): number | null {
  const match = TIME.exec(text);
  if (!match) return null;
  const [hour, minute, second] = [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
  return hour < 24 && minute < 60 && second < 60 ? hour * 3600 + minute * 60 + second : null;
}

/** Calendar arithmetic on "YYYY-MM-DD" (no zone involved). */
export function addDays(date: string, days: number): string {
  const local = parseLocalDate(date);
  if (!local) throw new RangeError(`Not a date: ${date}`);
  return formatLocalDate(epochToLocal(localToEpoch(local) + days * DAY_MS));
}

/** 0 = Sunday ... 6 = Saturday. */
export function dayOfWeek(date: string): number {
  const local = parseLocalDate(date);
  if (!local) throw new RangeError(`Not a date: ${date}`);
  return new Date(localToEpoch(local)).getUTCDay();
}

/** Whole days from `from` to `to` ("YYYY-MM-DD" both). */
export function daysBetween(from: string, to: string): number {
  const a = parseLocalDate(from);
  const b = parseLocalDate(to);
  if (!a || !b) throw new RangeError(`Not a date: ${a ? to : from}`);
  return Math.round((localToEpoch(b) - localToEpoch(a)) / DAY_MS);
}

/**
 * The first instant of a local day. Where midnight falls in a gap (some zones change clocks at
 * midnight) the day starts when the clocks jump; where it repeats, at the first midnight.
 */
export function startOfLocalDay(date: string, timeZone: string): number {
  const local = parseLocalDate(date);
  if (!local) throw new RangeError(`Not a date: ${date}`);
  const resolution = resolveLocal(local, timeZone);
  if (resolution.kind === 'gap') return resolution.transition;
  return resolution.kind === 'unique' ? resolution.instant : resolution.earlier.instant;
}

// ---- Producers' input ---------------------------------------------------------------------------

export type ZonedTimeResult =
  | { ok: true; instant: number; offsetSeconds: number }
  | { ok: false; reason: 'invalid' | 'gap' | 'ambiguous' | 'offset'; message: string; offsets?: string[] };

function describe(local: LocalDateTime): string {
  return `${formatLocalDate(local)} ${formatLocalTime(local)}`;
}

/**
 * Reads a start time as a producer (or an integration) sends it, for a station in `timeZone`:
 *  - "2026-03-08T05:00" or "...:00" (no offset): wall-clock time at the station. Rejected when the
 *    time does not exist there (spring-forward gap) or exists twice (fall-back hour) — the message
 *    names the time and, for the repeated hour, the two offsets to choose from.
 *  - "2026-11-01T01:30-05:00" (with an offset): wall-clock time at the station plus the offset that
 *    says which one is meant; the offset must be one the station's clock has at that time.
 *  - "2026-03-08T10:00:00Z" (or with fractional zero seconds): a UTC instant, taken as it is.
 */
export function parseZonedTime(text: string, timeZone: string): ZonedTimeResult {
  const instantMatch = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.0+)?Z$/.exec(text);
  const instantText = instantMatch?.[1];
  if (instantText) {
    const instant = Date.parse(`${instantText}Z`);
    if (!Number.isNaN(instant) && new Date(instant).toISOString().startsWith(instantText)) {
      return { ok: true, instant, offsetSeconds: offsetSecondsAt(instant, timeZone) };
    }
  }
  const match = DATE_TIME.exec(text);
  const invalid = {
    ok: false,
    reason: 'invalid',
    message: `"${text.slice(0, 40)}" is not a date and time: use YYYY-MM-DDTHH:MM in the station's time, or a UTC instant ending in Z`,
  } as const;
  if (!match) return invalid;
  const local: LocalDateTime = {
    year: Number(match[1]),
    month: Number(match[2]),
    day: Number(match[3]),
    hour: Number(match[4]),
    minute: Number(match[5]),
    second: Number(match[6] ?? 0),
  };
  if (!validDate(local.year, local.month, local.day) || local.hour > 23 || local.minute > 59 || local.second > 59) return invalid;
  if (match[7] === 'Z') return invalid;

  const resolution = resolveLocal(local, timeZone);
  const offsetText = match[7];
  if (resolution.kind === 'gap') {
    const jumpFrom = epochToLocal(resolution.transition + resolution.offsetBefore * 1000);
    const jumpTo = epochToLocal(resolution.transition + resolution.offsetAfter * 1000);
    return {
      ok: false,
      reason: 'gap',
      message: `${describe(local)} does not exist in ${timeZone}: clocks jump from ${formatLocalTime(jumpFrom)} to ${formatLocalTime(jumpTo)} (${formatOffset(resolution.offsetBefore)} to ${formatOffset(resolution.offsetAfter)}). Choose a time outside the gap.`,
    };
  }
  const options = resolution.kind === 'unique' ? [resolution] : [resolution.earlier, resolution.later];
  if (offsetText) {
    const chosen = options.find((option) => formatOffset(option.offsetSeconds) === offsetText);
    if (chosen) return { ok: true, instant: chosen.instant, offsetSeconds: chosen.offsetSeconds };
    const valid = options.map((option) => formatOffset(option.offsetSeconds));
    return {
      ok: false,
      reason: 'offset',
      offsets: valid,
      message: `${describe(local)}${offsetText} is not a time of ${timeZone}: its clock then is at ${valid.join(' or ')}. Leave the offset out, or send a UTC instant ending in Z.`,
    };
  }
  if (resolution.kind === 'ambiguous') {
    const [first, second] = [resolution.earlier, resolution.later].map(
      (option) => `${formatOffset(option.offsetSeconds)} (${zoneAbbreviation(option.instant, timeZone)})`,
    );
    return {
      ok: false,
      reason: 'ambiguous',
      offsets: [formatOffset(resolution.earlier.offsetSeconds), formatOffset(resolution.later.offsetSeconds)],
      message: `${describe(local)} happens twice in ${timeZone} as clocks fall back: say which, ${first} the first time or ${second} the second.`,
    };
  }
  return { ok: true, instant: resolution.instant, offsetSeconds: resolution.offsetSeconds };
}
