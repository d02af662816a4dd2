import { offsetSecondsAt, parseZonedTime } from '@newsdesk/contracts';
import { formatCountdown, formatUtcOffset, instantToZoned, timeZoneList, zonedToInstant } from './time-zones';

/**
 * The story schedule picker's zone arithmetic is the contracts' (local-time.ts). It used to be a
 * copy with its own offsets in minutes (formatOffset(120) here, formatOffset(7200) there): these
 * check the picker against the contracts on the DST edges.
 */
describe('the schedule picker time zones', () => {
  it('turns a wall time into the instant the contracts compute, with the offset in seconds', () => {
    const summer = zonedToInstant('2026-07-01T12:00', 'Europe/Berlin');
    expect(summer).toEqual({ ok: true, instant: new Date('2026-07-01T10:00:00Z'), offsetSeconds: 7200, ambiguous: false });
    const winter = zonedToInstant('2026-01-15T09:30', 'America/New_York');
    expect(winter.ok && winter.offsetSeconds).toBe(offsetSecondsAt(Date.parse('2026-01-15T14:30:00Z'), 'America/New_York'));
    const picked = zonedToInstant('2026-11-20T05:00', 'America/New_York');
    const contracts = parseZonedTime('2026-11-20T05:00', 'America/New_York');
    expect(
      picked.ok && contracts.ok && picked.instant.getTime() === contracts.instant && picked.offsetSeconds === contracts.offsetSeconds,
    ).toBe(true);
  });

  it('refuses a time the spring-forward gap skips, and takes the first of a repeated hour', () => {
    expect(zonedToInstant('2026-03-29T02:30', 'Europe/Berlin')).toEqual({ ok: false, reason: 'nonexistent' });
    expect(zonedToInstant('2026-03-08T02:30', 'America/New_York')).toEqual({ ok: false, reason: 'nonexistent' });
    expect(zonedToInstant('2026-10-25T02:30', 'Europe/Berlin')).toEqual({
      ok: true,
      instant: new Date('2026-10-25T00:30:00Z'),
      offsetSeconds: 7200,
      ambiguous: true,
    });
    expect(zonedToInstant('2026-11-01T01:30', 'America/New_York')).toEqual({
      ok: true,
      instant: new Date('2026-11-01T05:30:00Z'),
      offsetSeconds: -14400,
      ambiguous: true,
    });
  });

  it('refuses values that are not a date and time, and unknown zones', () => {
    expect(zonedToInstant('2026-02-30T10:00', 'UTC')).toEqual({ ok: false, reason: 'invalid' });
    expect(zonedToInstant('2026-02-10T24:00', 'UTC')).toEqual({ ok: false, reason: 'invalid' });
    expect(zonedToInstant('tomorrow', 'UTC')).toEqual({ ok: false, reason: 'invalid' });
    expect(zonedToInstant('2026-02-10T10:00', 'Mars/Olympus_Mons')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('shows an instant back in the zone, to the minute', () => {
    expect(instantToZoned(new Date('2026-10-25T00:30:59Z'), 'Europe/Berlin')).toBe('2026-10-25T02:30');
    expect(instantToZoned(new Date('2026-10-25T01:30:00Z'), 'Europe/Berlin')).toBe('2026-10-25T02:30');
    expect(instantToZoned(new Date('2026-01-15T14:30:00Z'), 'America/New_York')).toBe('2026-01-15T09:30');
  });

  it('labels offsets given in seconds, as the contracts count them', () => {
    expect(formatUtcOffset(7200)).toBe('UTC+02:00');
    expect(formatUtcOffset(0)).toBe('UTC+00:00');
    expect(formatUtcOffset(-18000)).toBe('UTC\u221205:00');
    expect(formatUtcOffset(19800)).toBe('UTC+05:30');
    expect(formatUtcOffset(offsetSecondsAt(Date.parse('2026-07-01T00:00:00Z'), 'Asia/Kathmandu'))).toBe('UTC+05:45');
  });

  it('lists UTC first and always includes the current zone; counts down to the second', () => {
    const zones = timeZoneList('Europe/Berlin');
    expect(zones[0]).toBe('UTC');
    expect(zones).toContain('Europe/Berlin');
    expect(formatCountdown(59_001)).toBe('01:00');
    expect(formatCountdown(3 * 86_400_000 + 4 * 3_600_000 + 5 * 60_000 + 6_000)).toBe('3 d 04:05:06');
    expect(formatCountdown(-5)).toBe('00:00');
  });
});
