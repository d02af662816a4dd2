import fc from 'fast-check';
import {
  addDays,
  canonicalTimeZone,
  dayOfWeek,
  formatOffset,
  formatZoned,
  isValidTimeZone,
  localDateOf,
  offsetSecondsAt,
  parseZonedTime,
  resolveLocal,
  startOfLocalDay,
  wallClock,
} from './local-time.js';

const NY = 'America/New_York';
const MOSCOW = 'Europe/Moscow';
const iso = (ms: number) => new Date(ms).toISOString();

function instant(text: string, zone: string): string {
  const result = parseZonedTime(text, zone);
  if (!result.ok) throw new Error(result.message);
  return iso(result.instant);
}

describe('parseZonedTime in America/New_York', () => {
  it('reads ordinary wall-clock times with the offset of the day', () => {
    expect(instant('2026-01-15T05:00', NY)).toBe('2026-01-15T10:00:00.000Z');
    expect(instant('2026-07-15T05:00:00', NY)).toBe('2026-07-15T09:00:00.000Z');
  });

  it('refuses a time in the spring-forward gap, naming it and the jump', () => {
    const result = parseZonedTime('2026-03-08T02:30', NY);
    expect(result).toMatchObject({ ok: false, reason: 'gap' });
    if (result.ok) return;
    expect(result.message).toContain('2026-03-08 02:30 does not exist in America/New_York');
    expect(result.message).toContain('from 02:00 to 03:00');
    // Either edge of the gap is fine.
    expect(instant('2026-03-08T01:59:59', NY)).toBe('2026-03-08T06:59:59.000Z');
    expect(instant('2026-03-08T03:00', NY)).toBe('2026-03-08T07:00:00.000Z');
    expect(parseZonedTime('2026-03-08T02:00', NY)).toMatchObject({ ok: false, reason: 'gap' });
  });

  it('refuses a repeated fall-back time without an offset, offering both', () => {
    const result = parseZonedTime('2026-11-01T01:30', NY);
    expect(result).toMatchObject({ ok: false, reason: 'ambiguous', offsets: ['-04:00', '-05:00'] });
    if (!result.ok) expect(result.message).toMatch(/happens twice.*-04:00 \(EDT\) the first time or -05:00 \(EST\) the second/);
  });

  it('takes the offset that says which of the repeated times is meant', () => {
    expect(instant('2026-11-01T01:30-04:00', NY)).toBe('2026-11-01T05:30:00.000Z');
    expect(instant('2026-11-01T01:30-05:00', NY)).toBe('2026-11-01T06:30:00.000Z');
    // The same offset on an unambiguous time is accepted; a wrong one is refused.
    expect(instant('2026-11-01T03:00-05:00', NY)).toBe('2026-11-01T08:00:00.000Z');
    expect(parseZonedTime('2026-11-01T03:00-04:00', NY)).toMatchObject({ ok: false, reason: 'offset', offsets: ['-05:00'] });
    expect(parseZonedTime('2026-03-08T02:30-05:00', NY)).toMatchObject({ ok: false, reason: 'gap' });
  });

  it('takes a UTC instant as it is, even inside the local gap or fold', () => {
    expect(instant('2026-03-08T07:30:00Z', NY)).toBe('2026-03-08T07:30:00.000Z');
    expect(instant('2026-11-01T05:30:00.000Z', NY)).toBe('2026-11-01T05:30:00.000Z');
  });

  it('refuses malformed or impossible dates', () => {
    for (const text of [
      '2026-02-30T10:00',
      '2026-13-01T10:00',
      '2026-01-01T24:00',
      '2026-01-01',
      'tomorrow',
      '2026-01-01T10:00Z',
      '2026-01-01T10:00:00.5Z',
    ]) {
      expect(parseZonedTime(text, NY)).toMatchObject({ ok: false, reason: 'invalid' });
    }
    expect(instant('2028-02-29T12:00', NY)).toBe('2028-02-29T17:00:00.000Z');
  });
});

describe('parseZonedTime in Europe/Moscow (no DST since 2014)', () => {
  it('has no gap or fold on the days US clocks change: every time is unique at +03:00', () => {
    for (const text of ['2026-03-08T02:30', '2026-11-01T01:30', '2026-03-29T02:30', '2026-10-25T02:30']) {
      const result = parseZonedTime(text, MOSCOW);
      expect(result).toMatchObject({ ok: true, offsetSeconds: 3 * 3600 });
    }
    expect(instant('2026-11-01T01:30', MOSCOW)).toBe('2026-10-31T22:30:00.000Z');
    expect(parseZonedTime('2026-11-01T01:30+04:00', MOSCOW)).toMatchObject({ ok: false, reason: 'offset', offsets: ['+03:00'] });
  });

  it('knows its historical changes from the runtime zone data', () => {
    // 27 March 2011: the last spring-forward (to permanent +04).
    expect(parseZonedTime('2011-03-27T02:30', MOSCOW)).toMatchObject({ ok: false, reason: 'gap' });
    // 26 October 2014: back to +03, the 01:00 hour repeated.
    expect(parseZonedTime('2014-10-26T01:30', MOSCOW)).toMatchObject({ ok: false, reason: 'ambiguous', offsets: ['+04:00', '+03:00'] });
    expect(instant('2014-10-26T01:30+03:00', MOSCOW)).toBe('2014-10-25T22:30:00.000Z');
  });
});

describe('resolveLocal and friends', () => {
  it('handles half-hour shifts (Lord Howe Island)', () => {
    const resolution = resolveLocal({ year: 2026, month: 4, day: 5, hour: 1, minute: 45, second: 0 }, 'Australia/Lord_Howe');
    expect(resolution.kind).toBe('ambiguous');
  });

  it('round-trips every instant through its wall clock (property)', () => {
    const zones = [
      NY,
      MOSCOW,
      'Europe/London',
      'America/Chicago',
      'America/Los_Angeles',
      'Australia/Lord_Howe',
      'Asia/Kolkata',
      'America/Santiago',
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1) / 1000, max: Date.UTC(2037, 0, 1) / 1000 }),
        fc.constantFrom(...zones),
        (seconds, zone) => {
          const at = seconds * 1000;
          const resolution = resolveLocal(wallClock(at, zone), zone);
          const instants =
            resolution.kind === 'unique'
              ? [resolution.instant]
              : resolution.kind === 'ambiguous'
                ? [resolution.earlier.instant, resolution.later.instant]
                : [];
          return instants.includes(at);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('gives the day its real length and start', () => {
    const start = startOfLocalDay('2026-03-08', NY);
    expect(iso(start)).toBe('2026-03-08T05:00:00.000Z');
    expect((startOfLocalDay('2026-03-09', NY) - start) / 3_600_000).toBe(23);
    expect((startOfLocalDay('2026-11-02', NY) - startOfLocalDay('2026-11-01', NY)) / 3_600_000).toBe(25);
    // Santiago springs forward at midnight: the day begins at 01:00.
    expect(formatZoned(startOfLocalDay('2026-09-06', 'America/Santiago'), 'America/Santiago')).toBe('2026-09-06T01:00:00-03:00');
  });

  it('formats offsets, dates and zones', () => {
    expect(formatOffset(-18000)).toBe('-05:00');
    expect(formatOffset(19800)).toBe('+05:30');
    expect(formatZoned(Date.parse('2026-11-01T05:30:00Z'), NY)).toBe('2026-11-01T01:30:00-04:00');
    expect(formatZoned(Date.parse('2026-11-01T06:30:00Z'), NY)).toBe('2026-11-01T01:30:00-05:00');
    expect(localDateOf(Date.parse('2026-01-01T03:00:00Z'), NY)).toBe('2025-12-31');
    expect(offsetSecondsAt(Date.parse('2026-06-01T00:00:00Z'), MOSCOW)).toBe(10800);
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(dayOfWeek('2026-03-08')).toBe(0);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('America/New_York')).toBe(true);
    expect(canonicalTimeZone('america/new_york')).toBe('America/New_York');
  });
});
