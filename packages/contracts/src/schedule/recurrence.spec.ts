import { parseDuration, formatDuration } from './duration.js';
import { expandRecurrence, type RecurrenceSpec } from './expand.js';
import { formatZoned } from './local-time.js';
import { describeDays, formatRRule, parseRRule, type RecurrenceRule } from './rrule.js';
import { timeRundown } from './timing.js';

function rule(text: string): RecurrenceRule {
  const parsed = parseRRule(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.rule;
}

const NY = 'America/New_York';
const weekdays = (overrides: Partial<RecurrenceSpec> = {}): RecurrenceSpec => ({
  rule: rule('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR'),
  startsOn: '2026-01-05',
  startTime: '05:00',
  durationSeconds: 4 * 3600,
  timeZone: NY,
  ...overrides,
});
const local = (ms: number, zone = NY) => formatZoned(ms, zone);

describe('parseRRule', () => {
  it('reads the supported subset and normalizes it', () => {
    expect(formatRRule(rule('RRULE:freq=weekly;byday=FR,MO;interval=1'))).toBe('FREQ=WEEKLY;BYDAY=MO,FR');
    expect(formatRRule(rule('FREQ=DAILY;BYHOUR=19,11;BYMINUTE=0;UNTIL=20261231'))).toBe(
      'FREQ=DAILY;BYHOUR=11,19;BYMINUTE=0;UNTIL=20261231',
    );
    expect(rule('FREQ=DAILY;UNTIL=20261231T045959Z').until).toBe('2026-12-31T04:59:59Z');
    expect(rule('FREQ=WEEKLY;COUNT=10;WKST=SU')).toMatchObject({ count: 10, wkst: 'SU' });
  });

  it('names what it does not accept', () => {
    const message = (text: string) => {
      const parsed = parseRRule(text);
      return parsed.ok ? null : parsed.message;
    };
    expect(message('FREQ=MONTHLY')).toBe('FREQ must be DAILY or WEEKLY');
    expect(message('FREQ=WEEKLY;BYMONTH=1')).toMatch(/BYMONTH is not supported/);
    expect(message('FREQ=WEEKLY;BYDAY=1MO')).toMatch(/BYDAY "1MO"/);
    expect(message('FREQ=DAILY;COUNT=3;UNTIL=20260101')).toBe('Use UNTIL or COUNT, not both');
    expect(message('FREQ=DAILY;BYHOUR=24')).toMatch(/BYHOUR/);
    expect(message('FREQ=DAILY;FREQ=DAILY')).toBe('FREQ appears twice');
    expect(message('')).toMatch(/required/);
  });

  it('describes days for people', () => {
    expect(describeDays(rule('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR'), 'MO')).toBe('Weekdays');
    expect(describeDays(rule('FREQ=WEEKLY;BYDAY=SA,SU'), 'SA')).toBe('Weekends');
    expect(describeDays(rule('FREQ=DAILY'), 'MO')).toBe('Every day');
    expect(describeDays(rule('FREQ=WEEKLY'), 'TH')).toBe('Thursdays');
    expect(describeDays(rule('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO'), 'MO')).toBe('Every 2 weeks: Mondays');
  });
});

describe('expandRecurrence', () => {
  it('keeps 05:00 local across the spring-forward change (the UTC instant moves)', () => {
    const slots = expandRecurrence(weekdays(), '2026-03-05', '2026-03-10');
    expect(slots.map((slot) => slot.local)).toEqual(['2026-03-05T05:00', '2026-03-06T05:00', '2026-03-09T05:00', '2026-03-10T05:00']);
    expect(slots.map((slot) => local(slot.startsAt))).toEqual([
      '2026-03-05T05:00:00-05:00',
      '2026-03-06T05:00:00-05:00',
      '2026-03-09T05:00:00-04:00',
      '2026-03-10T05:00:00-04:00',
    ]);
    expect(new Date(slots[1]!.startsAt).toISOString()).toBe('2026-03-06T10:00:00.000Z');
    expect(new Date(slots[2]!.startsAt).toISOString()).toBe('2026-03-09T09:00:00.000Z');
    expect(slots.every((slot) => slot.durationSeconds === 4 * 3600 && slot.note === null)).toBe(true);
  });

  it('keeps 05:00 local on the very day the clocks spring forward (rrule 2.8.1 with tzid gives 06:00 there)', () => {
    const slots = expandRecurrence(weekdays({ rule: rule('FREQ=DAILY'), startsOn: '2026-03-07' }), '2026-03-07', '2026-03-09');
    expect(slots.map((slot) => new Date(slot.startsAt).toISOString())).toEqual([
      '2026-03-07T10:00:00.000Z',
      '2026-03-08T09:00:00.000Z',
      '2026-03-09T09:00:00.000Z',
    ]);
  });

  it('refuses rule parts rrule 2.8.1 would take silently (BYHOUR=25, a BYDAY with an ordinal)', () => {
    expect(parseRRule('FREQ=DAILY;BYHOUR=25')).toEqual({ ok: false, message: 'BYHOUR must list hours from 0 to 23' });
    expect(parseRRule('FREQ=WEEKLY;BYDAY=+1MO')).toMatchObject({ ok: false, message: expect.stringMatching(/BYDAY "\+1MO"/) });
  });

  it('keeps 05:00 local across the fall-back change', () => {
    const slots = expandRecurrence(weekdays({ rule: rule('FREQ=DAILY') }), '2026-10-31', '2026-11-02');
    expect(slots.map((slot) => local(slot.startsAt))).toEqual([
      '2026-10-31T05:00:00-04:00',
      '2026-11-01T05:00:00-05:00',
      '2026-11-02T05:00:00-05:00',
    ]);
  });

  it('keeps the wall-clock end of a block that spans the change: shorter or longer that night', () => {
    const overnight = weekdays({ rule: rule('FREQ=DAILY'), startTime: '00:00', durationSeconds: 5 * 3600 });
    const [spring] = expandRecurrence(overnight, '2026-03-08', '2026-03-08');
    expect(local(spring!.endsAt)).toBe('2026-03-08T05:00:00-04:00');
    expect(spring!.durationSeconds).toBe(4 * 3600);
    expect(spring!.note).toMatch(/runs 4:00:00 instead of 5:00:00/);
    const [fall] = expandRecurrence(overnight, '2026-11-01', '2026-11-01');
    expect(fall!.durationSeconds).toBe(6 * 3600);
    expect(local(fall!.endsAt)).toBe('2026-11-01T05:00:00-05:00');
  });

  it('starts a slot whose start the clocks skip when they jump, and drops one they skip entirely', () => {
    const twoThirty = weekdays({ rule: rule('FREQ=DAILY'), startTime: '02:30', durationSeconds: 3600 });
    const [moved] = expandRecurrence(twoThirty, '2026-03-08', '2026-03-08');
    expect(local(moved!.startsAt)).toBe('2026-03-08T03:00:00-04:00');
    expect(local(moved!.endsAt)).toBe('2026-03-08T03:30:00-04:00');
    expect(moved!.local).toBe('2026-03-08T02:30');
    expect(moved!.note).toMatch(/02:30 does not exist/);
    // The slot before it, ending at 02:30, ends at the jump too: the two still meet.
    const [before] = expandRecurrence(
      weekdays({ rule: rule('FREQ=DAILY'), startTime: '01:30', durationSeconds: 3600 }),
      '2026-03-08',
      '2026-03-08',
    );
    expect(before!.endsAt).toBe(moved!.startsAt);
    const swallowed = weekdays({ rule: rule('FREQ=DAILY'), startTime: '02:00', durationSeconds: 1800 });
    expect(expandRecurrence(swallowed, '2026-03-08', '2026-03-08')).toEqual([]);
  });

  it('takes the first pass through a repeated hour', () => {
    const [slot] = expandRecurrence(
      weekdays({ rule: rule('FREQ=DAILY'), startTime: '01:30', durationSeconds: 1800 }),
      '2026-11-01',
      '2026-11-01',
    );
    expect(local(slot!.startsAt)).toBe('2026-11-01T01:30:00-04:00');
  });

  it('fires at every BYHOUR, and never before DTSTART', () => {
    const twice = weekdays({
      rule: rule('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=11,19;BYMINUTE=0'),
      startsOn: '2026-01-05',
      startTime: '12:00',
      durationSeconds: 3600,
    });
    expect(expandRecurrence(twice, '2026-01-05', '2026-01-06').map((slot) => slot.local)).toEqual([
      '2026-01-05T19:00',
      '2026-01-06T11:00',
      '2026-01-06T19:00',
    ]);
  });

  it('honours INTERVAL, COUNT and UNTIL', () => {
    // DTSTART on Wednesday 7 January: its week (from Monday 5th) counts, the Monday before DTSTART does not.
    const fortnightly = weekdays({ rule: rule('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO'), startsOn: '2026-01-07' });
    expect(expandRecurrence(fortnightly, '2026-01-01', '2026-02-28').map((slot) => slot.date)).toEqual([
      '2026-01-19',
      '2026-02-02',
      '2026-02-16',
    ]);
    const counted = weekdays({ rule: rule('FREQ=DAILY;COUNT=3') });
    expect(expandRecurrence(counted, '2026-01-06', '2026-01-31').map((slot) => slot.date)).toEqual(['2026-01-06', '2026-01-07']);
    const untilDate = weekdays({ rule: rule('FREQ=DAILY;UNTIL=20260107') });
    expect(expandRecurrence(untilDate, '2026-01-05', '2026-01-31').map((slot) => slot.date)).toEqual([
      '2026-01-05',
      '2026-01-06',
      '2026-01-07',
    ]);
    const untilInstant = weekdays({ rule: rule('FREQ=DAILY;UNTIL=20260106T100000Z') });
    expect(expandRecurrence(untilInstant, '2026-01-05', '2026-01-31').map((slot) => slot.date)).toEqual(['2026-01-05', '2026-01-06']);
  });

  it('is the same whichever window it is asked for (materializing is stable)', () => {
    const spec = weekdays();
    const week = expandRecurrence(spec, '2026-03-02', '2026-03-15');
    const halves = [...expandRecurrence(spec, '2026-03-02', '2026-03-08'), ...expandRecurrence(spec, '2026-03-09', '2026-03-15')];
    expect(halves).toEqual(week);
  });
});

describe('rundown timing and durations', () => {
  it('front-times, back-times and says over or under', () => {
    const start = Date.parse('2026-03-09T09:00:00Z');
    const hardOut = start + 10 * 60_000;
    const { items, totals } = timeRundown(start, hardOut, [{ durationSeconds: 300 }, { durationSeconds: 240 }, { durationSeconds: 120 }]);
    expect(items.map((item) => (item.startsAt - start) / 1000)).toEqual([0, 300, 540]);
    expect(items.map((item) => (hardOut - item.backTime) / 1000)).toEqual([660, 360, 120]);
    expect(items.map((item) => item.secondsToHardOut)).toEqual([600, 300, 60]);
    expect(items.map((item) => item.pastHardOut)).toEqual([false, false, true]);
    expect(totals).toEqual({ plannedSeconds: 660, availableSeconds: 600, overUnderSeconds: 60, state: 'over' });
    expect(timeRundown(start, hardOut, [{ durationSeconds: 600 }]).totals.state).toBe('exact');
    expect(timeRundown(start, hardOut, []).totals).toMatchObject({ state: 'under', overUnderSeconds: -600 });
  });

  it('reads and writes durations as producers type them', () => {
    expect(parseDuration('4:00:00', 'minutes')).toBe(14400);
    expect(parseDuration('6:00', 'minutes')).toBe(360);
    expect(parseDuration('0:45', 'minutes')).toBe(45);
    expect(parseDuration('90', 'minutes')).toBe(5400);
    expect(parseDuration('1h 30m', 'minutes')).toBe(5400);
    expect(parseDuration('45s', 'minutes')).toBe(45);
    expect(parseDuration('1:75', 'minutes')).toBeNull();
    expect(parseDuration('soon', 'minutes')).toBeNull();
    expect(formatDuration(14400)).toBe('4:00:00');
    expect(formatDuration(360)).toBe('6:00');
    expect(formatDuration(-75)).toBe('-1:15');
  });

  it('reads a bare number in the unit the field names (schedule lengths: minutes; audio clips: seconds), every other form alike', () => {
    expect(parseDuration('90', 'minutes')).toBe(5400);
    expect(parseDuration('90', 'seconds')).toBe(90);
    for (const text of ['1:30', '1:02:03', '1h 30m', '90m', '45s', '', '  ', '1:75', 'soon']) {
      expect(parseDuration(text, 'seconds')).toBe(parseDuration(text, 'minutes'));
    }
    expect(parseDuration('', 'seconds')).toBeNull();
  });
});
