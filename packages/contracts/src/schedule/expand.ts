import { defined } from '../common.js';
import { formatDuration } from './duration.js';
import {
  addDays,
  dayOfWeek,
  daysBetween,
  epochToLocal,
  formatLocalDate,
  formatLocalTime,
  localToEpoch,
  parseLocalDate,
  parseLocalTime,
  resolveLocal,
  type LocalDateTime,
} from './local-time.js';
import { WEEKDAYS, type RecurrenceRule, type Weekday } from './rrule.js';

/** What a recurrence needs to be expanded into dated slots. */
export interface RecurrenceSpec {
  rule: RecurrenceRule;
  /** DTSTART's local date ("YYYY-MM-DD") in the station's zone. */
  startsOn: string;
  /** DTSTART's local time ("HH:MM" or "HH:MM:SS"); BYHOUR/BYMINUTE, when set, give the times of day instead. */
  startTime: string;
  /** The slot's length on the wall clock: 05:00 + 4 h ends at 09:00 local, whatever the clocks do meanwhile. */
  durationSeconds: number;
  timeZone: string;
}

/** One dated slot of a recurrence. */
export interface Occurrence {
  /** The wall-clock start the rule asks for ("YYYY-MM-DDTHH:MM"): the slot's identity, stable across DST. */
  local: string;
  date: string;
  /** Instants (ms). */
  startsAt: number;
  endsAt: number;
  /** Real elapsed length: one hour shorter or longer than the rule's when clocks change during the slot. */
  durationSeconds: number;
  /** Why the slot differs from the rule on this day (DST), or null. */
  note: string | null;
}

const MAX_DAYS = 400;

function localAt(date: string, secondsOfDay: number): LocalDateTime {
  const day = defined(parseLocalDate(date), `a valid date (${date})`);
  return epochToLocal(localToEpoch(day) + secondsOfDay * 1000);
}

/** Times of day (seconds after midnight) at which the rule fires. */
function timesOfDay(rule: RecurrenceRule, start: number): number[] {
  const hours = rule.byHour ?? [Math.floor(start / 3600)];
  const minutes = rule.byMinute ?? [Math.floor((start % 3600) / 60)];
  const seconds = rule.byHour || rule.byMinute ? 0 : start % 60;
  return [...new Set(hours.flatMap((hour) => minutes.map((minute) => hour * 3600 + minute * 60 + seconds)))].sort((a, b) => a - b);
}

function weekdayOf(date: string): Weekday {
  return defined(WEEKDAYS[dayOfWeek(date)], 'a weekday');
}

function firesOn(rule: RecurrenceRule, startsOn: string, date: string): boolean {
  const weekday = weekdayOf(date);
  if (rule.freq === 'DAILY') {
    return daysBetween(startsOn, date) % rule.interval === 0 && (!rule.byDay || rule.byDay.includes(weekday));
  }
  const days = rule.byDay ?? [weekdayOf(startsOn)];
  if (!days.includes(weekday)) return false;
  // Weeks begin on WKST; INTERVAL counts weeks from the one that holds DTSTART.
  const wkst = WEEKDAYS.indexOf(rule.wkst);
  const weekOf = (day: string) => addDays(day, -((dayOfWeek(day) - wkst + 7) % 7));
  return (daysBetween(weekOf(startsOn), weekOf(date)) / 7) % rule.interval === 0;
}

/**
 * The slots of a recurrence whose local date lies in [from, to] (inclusive), in order. Each keeps
 * the rule's wall-clock start and end across DST changes, as a studio clock would: a time skipped
 * by the spring-forward jump is read as the instant of the jump (so a slot ending at 02:30 and the
 * next starting at 02:30 still meet; RFC 5545 would instead shift the start an hour later and open
 * a hole), a time in the repeated fall-back hour as its first pass (as RFC 5545 does). A slot that
 * lies wholly inside the gap does not air that day.
 */
export function expandRecurrence(spec: RecurrenceSpec, from: string, to: string): Occurrence[] {
  const start = parseLocalTime(spec.startTime);
  if (start === null || !parseLocalDate(spec.startsOn)) throw new RangeError('startsOn/startTime are not a local date and time');
  if (daysBetween(from, to) > MAX_DAYS) throw new RangeError(`Expand at most ${MAX_DAYS} days at a time`);
  const times = timesOfDay(spec.rule, start);
  const untilInstant = spec.rule.until?.endsWith('Z') ? Date.parse(spec.rule.until) : null;
  const untilDate = spec.rule.until && !untilInstant ? spec.rule.until : null;
  const last = untilDate && untilDate < to ? untilDate : to;
  // COUNT counts from DTSTART, so walk from there; otherwise start at `from`.
  let day = spec.rule.count === null && from > spec.startsOn ? from : spec.startsOn;
  let produced = 0;
  const occurrences: Occurrence[] = [];
  for (; day <= last; day = addDays(day, 1)) {
    if (!firesOn(spec.rule, spec.startsOn, day)) continue;
    for (const time of times) {
      if (day === spec.startsOn && time < start) continue;
      if (spec.rule.count !== null && produced >= spec.rule.count) return occurrences;
      produced += 1;
      const occurrence = place(spec, day, time);
      if (!occurrence) continue;
      if (untilInstant !== null && occurrence.startsAt > untilInstant) return occurrences;
      if (day >= from) occurrences.push(occurrence);
    }
  }
  return occurrences;
}

/** The slot on one day; null when the clocks skip all of it (a slot inside the spring-forward gap). */
function place(spec: RecurrenceSpec, date: string, time: number): Occurrence | null {
  const wantedStart = localAt(date, time);
  const wantedEnd = localAt(date, time + spec.durationSeconds);
  const notes: string[] = [];
  const startAt = resolveLocal(wantedStart, spec.timeZone);
  let startsAt: number;
  if (startAt.kind === 'gap') {
    startsAt = startAt.transition;
    notes.push(`${formatLocalTime(wantedStart)} does not exist on ${date} (clocks spring forward): starts when they jump`);
  } else startsAt = startAt.kind === 'unique' ? startAt.instant : startAt.earlier.instant;
  const endAt = resolveLocal(wantedEnd, spec.timeZone);
  const endsAt = endAt.kind === 'gap' ? endAt.transition : endAt.kind === 'unique' ? endAt.instant : endAt.earlier.instant;
  if (endsAt <= startsAt) return null;
  const durationSeconds = Math.round((endsAt - startsAt) / 1000);
  if (durationSeconds !== spec.durationSeconds) {
    notes.push(`runs ${formatDuration(durationSeconds)} instead of ${formatDuration(spec.durationSeconds)}: clocks change during it`);
  }
  return {
    local: `${formatLocalDate(wantedStart)}T${formatLocalTime(wantedStart)}`,
    date,
    startsAt,
    endsAt,
    durationSeconds,
    note: notes.length ? notes.join('; ') : null,
  };
}
