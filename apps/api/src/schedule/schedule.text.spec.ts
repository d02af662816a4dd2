import { describeSpan } from './segment.rows.js';
import { summarize } from './recurrences.service.js';

const row = (rrule: string, startTime: string, minutes: number, startsOn = '2026-03-02') => ({
  rrule,
  starts_on: startsOn,
  start_time: startTime,
  duration_seconds: minutes * 60,
});

describe('schedule texts for people', () => {
  it('summarizes recurring slots in station time', () => {
    expect(summarize(row('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', '05:00', 240))).toBe('Weekdays 05:00–09:00');
    expect(summarize(row('FREQ=DAILY', '20:00', 240))).toBe('Every day 20:00–00:00');
    expect(summarize(row('FREQ=DAILY', '22:00', 240))).toBe('Every day 22:00 for 4:00:00');
    expect(summarize(row('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=11,19;BYMINUTE=0', '00:00', 60))).toBe(
      'Weekdays 11:00–12:00 and 19:00–20:00',
    );
    expect(summarize(row('FREQ=WEEKLY;COUNT=4', '09:00', 30, '2026-03-05'))).toBe('Thursdays 09:00–09:30, 4 times');
    expect(summarize(row('FREQ=WEEKLY;BYDAY=SA,SU;UNTIL=20261231', '05:00', 300))).toBe('Weekends 05:00–10:00, until 2026-12-31');
  });

  it('names a span on the station clock, with its zone and a day change', () => {
    expect(describeSpan(Date.parse('2026-03-09T09:00:00Z'), Date.parse('2026-03-09T13:00:00Z'), 'America/New_York')).toBe(
      'Mon 9 Mar 05:00–09:00 EDT',
    );
    expect(describeSpan(Date.parse('2026-03-09T04:00:00Z'), Date.parse('2026-03-09T06:00:00Z'), 'America/New_York')).toBe(
      'Mon 9 Mar 00:00–02:00 EDT',
    );
    expect(describeSpan(Date.parse('2026-03-09T03:00:00Z'), Date.parse('2026-03-09T05:00:00Z'), 'Europe/Moscow')).toBe(
      'Mon 9 Mar 06:00–08:00 GMT+3',
    );
    expect(describeSpan(Date.parse('2026-03-09T02:00:00Z'), Date.parse('2026-03-09T06:00:00Z'), 'America/New_York')).toBe(
      'Sun 8 Mar 22:00–02:00 (next day) EDT',
    );
  });
});
