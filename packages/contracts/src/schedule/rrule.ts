/**
 * The RFC 5545 RRULE subset a station's recurring slots use: FREQ=DAILY or WEEKLY, INTERVAL,
 * BYDAY (plain weekdays), BYHOUR, BYMINUTE, UNTIL or COUNT, WKST. DTSTART is not part of the text:
 * a recurrence stores it as a local date and a local time in the station's zone.
 */

/** Weekday codes in JavaScript's getUTCDay() order (0 = Sunday). */
export const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const WEEKDAY_NAMES: Record<Weekday, string> = {
  SU: 'Sunday',
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
};

export interface RecurrenceRule {
  freq: 'DAILY' | 'WEEKLY';
  interval: number;
  byDay: Weekday[] | null;
  byHour: number[] | null;
  byMinute: number[] | null;
  /** Last local date ("YYYY-MM-DD", inclusive) or last instant ("YYYY-MM-DDTHH:MM:SSZ"). */
  until: string | null;
  count: number | null;
  wkst: Weekday;
}

export type RRuleResult = { ok: true; rule: RecurrenceRule } | { ok: false; message: string };

const SUPPORTED = ['FREQ', 'INTERVAL', 'BYDAY', 'BYHOUR', 'BYMINUTE', 'UNTIL', 'COUNT', 'WKST'];

function numbers(value: string, min: number, max: number): number[] | null {
  const list = value.split(',').map((item) => (/^\d{1,2}$/.test(item) ? Number(item) : NaN));
  if (list.some((item) => !Number.isInteger(item) || item < min || item > max)) return null;
  return [...new Set(list)].sort((a, b) => a - b);
}

function untilValue(value: string): string | null {
  const date = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (date) return `${date[1]}-${date[2]}-${date[3]}`;
  const instant = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (instant) return `${instant[1]}-${instant[2]}-${instant[3]}T${instant[4]}:${instant[5]}:${instant[6]}Z`;
  return null;
}

/** Parses "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR" (an "RRULE:" prefix is allowed); the message names what is wrong. */
export function parseRRule(text: string): RRuleResult {
  const body = text.trim().replace(/^RRULE:/i, '');
  if (!body) return { ok: false, message: 'A recurrence rule is required, e.g. FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR' };
  const parts = new Map<string, string>();
  for (const part of body.split(';')) {
    const [name, value, ...rest] = part.split('=');
    const key = name?.trim().toUpperCase() ?? '';
    if (!key || value === undefined || rest.length) return { ok: false, message: `"${part}" is not a NAME=VALUE part` };
    if (!SUPPORTED.includes(key)) return { ok: false, message: `${key} is not supported; use ${SUPPORTED.join(', ')}` };
    if (parts.has(key)) return { ok: false, message: `${key} appears twice` };
    parts.set(key, value.trim().toUpperCase());
  }
  const freq = parts.get('FREQ');
  if (freq !== 'DAILY' && freq !== 'WEEKLY') return { ok: false, message: 'FREQ must be DAILY or WEEKLY' };

  const interval = parts.has('INTERVAL') ? Number(parts.get('INTERVAL')) : 1;
  if (!Number.isInteger(interval) || interval < 1 || interval > 52 || !/^\d+$/.test(parts.get('INTERVAL') ?? '1')) {
    return { ok: false, message: 'INTERVAL must be a whole number from 1 to 52' };
  }

  let byDay: Weekday[] | null = null;
  const byDayText = parts.get('BYDAY');
  if (byDayText !== undefined) {
    const days = byDayText.split(',');
    const unknown = days.find((day) => !(WEEKDAYS as readonly string[]).includes(day));
    if (unknown !== undefined)
      return { ok: false, message: `BYDAY "${unknown}" is not a weekday (SU, MO, TU, WE, TH, FR, SA; no numeric prefixes)` };
    byDay = WEEKDAYS.filter((day) => days.includes(day));
  }
  const byHourText = parts.get('BYHOUR');
  const byHour = byHourText !== undefined ? numbers(byHourText, 0, 23) : null;
  if (byHourText !== undefined && !byHour) return { ok: false, message: 'BYHOUR must list hours from 0 to 23' };
  const byMinuteText = parts.get('BYMINUTE');
  const byMinute = byMinuteText !== undefined ? numbers(byMinuteText, 0, 59) : null;
  if (byMinuteText !== undefined && !byMinute) return { ok: false, message: 'BYMINUTE must list minutes from 0 to 59' };

  if (parts.has('UNTIL') && parts.has('COUNT')) return { ok: false, message: 'Use UNTIL or COUNT, not both' };
  const untilText = parts.get('UNTIL');
  const until = untilText !== undefined ? untilValue(untilText) : null;
  if (untilText !== undefined && !until) return { ok: false, message: 'UNTIL must be a date (20261231) or a UTC time (20261231T235959Z)' };
  const countText = parts.get('COUNT');
  const count = countText !== undefined ? Number(countText) : null;
  if (countText !== undefined && count !== null && (!/^\d+$/.test(countText) || count < 1 || count > 10_000))
    return { ok: false, message: 'COUNT must be a whole number from 1 to 10000' };

  const wkst = (parts.get('WKST') ?? 'MO') as Weekday;
  if (!(WEEKDAYS as readonly string[]).includes(wkst)) return { ok: false, message: 'WKST must be a weekday code' };

  return { ok: true, rule: { freq, interval, byDay, byHour, byMinute, until, count, wkst } };
}

/** The rule in its normalized text form (parts in a fixed order). */
export function formatRRule(rule: RecurrenceRule): string {
  const parts = [`FREQ=${rule.freq}`];
  if (rule.interval !== 1) parts.push(`INTERVAL=${rule.interval}`);
  if (rule.byDay) parts.push(`BYDAY=${rule.byDay.join(',')}`);
  if (rule.byHour) parts.push(`BYHOUR=${rule.byHour.join(',')}`);
  if (rule.byMinute) parts.push(`BYMINUTE=${rule.byMinute.join(',')}`);
  if (rule.until) parts.push(`UNTIL=${rule.until.replace(/[-:]/g, '')}`);
  if (rule.count !== null) parts.push(`COUNT=${rule.count}`);
  if (rule.wkst !== 'MO') parts.push(`WKST=${rule.wkst}`);
  return parts.join(';');
}

const WEEKDAYS_ONLY: readonly Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR'];

/**
 * The days a rule airs, for people: "Every day", "Weekdays", "Weekends", "Mondays, Thursdays",
 * "Every 2 weeks: Mondays". `startDay` is DTSTART's weekday (a WEEKLY rule without BYDAY airs on it).
 */
export function describeDays(rule: RecurrenceRule, startDay: Weekday): string {
  const days = rule.byDay ?? (rule.freq === 'WEEKLY' ? [startDay] : [...WEEKDAYS]);
  let which: string;
  if (days.length === 7) which = 'Every day';
  else if (days.length === 5 && WEEKDAYS_ONLY.every((day) => days.includes(day))) which = 'Weekdays';
  else if (days.length === 2 && days.includes('SA') && days.includes('SU')) which = 'Weekends';
  else which = days.map((day) => `${WEEKDAY_NAMES[day]}s`).join(', ');
  if (rule.interval === 1) return which;
  return `Every ${rule.interval} ${rule.freq === 'DAILY' ? 'days' : 'weeks'}${which === 'Every day' ? '' : `: ${which}`}`;
}
