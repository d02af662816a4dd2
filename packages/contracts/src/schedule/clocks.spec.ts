import { RichTextDocSchema, richTextToPlain } from '../richtext.js';
import { clockHourStarts, expandClock, SaveClockSchema, type ClockItem } from './clocks.js';
import { formatZoned, instantForLocal, parseLocalDate, parseLocalTime } from './local-time.js';
import { SaveRundownSchema, TakeSchema } from './rundowns.js';
import { countWords, DEFAULT_WORDS_PER_MINUTE, readingSeconds, timeRundown } from './timing.js';

const NY = 'America/New_York';
const MIN = 60_000;
/** "2026-03-08T05:00" in New York -> the instant (the earlier of a repeated time). */
const at = (text: string, zone = NY) => {
  const [date, time] = text.split('T');
  const seconds = parseLocalTime(time!)!;
  return instantForLocal({ ...parseLocalDate(date!)!, hour: Math.floor(seconds / 3600), minute: Math.floor(seconds / 60) % 60 }, zone);
};
const utc = (text: string) => Date.parse(text);

describe('timeRundown with hard posts', () => {
  const start = utc('2026-12-07T10:00:00Z');
  const hardOut = utc('2026-12-07T11:00:00Z');

  it('fills the gap before a post: the post stays put and the stretch before it is under', () => {
    const { items, sections } = timeRundown(start, hardOut, [
      { durationSeconds: 300 }, // 10:00-10:05
      { durationSeconds: 600, postAt: start + 20 * MIN }, // pinned at 10:20
      { durationSeconds: 120 },
    ]);
    expect(items[1]).toMatchObject({ startsAt: start + 20 * MIN, pinned: true, gapBeforeSeconds: 15 * 60, backTime: start + 20 * MIN });
    expect(items[2]!.startsAt).toBe(start + 30 * MIN);
    expect(sections[0]).toMatchObject({
      postIndex: 1,
      plannedSeconds: 300,
      availableSeconds: 1200,
      overUnderSeconds: -900,
      state: 'under',
    });
    // The last stretch: from the post to the hard out.
    expect(sections[1]).toMatchObject({ postIndex: null, plannedSeconds: 720, availableSeconds: 2400, overUnderSeconds: -1680 });
  });

  it('shows an overrun before the post, not only at the hard out', () => {
    const { items, sections, totals } = timeRundown(start, hardOut, [
      { durationSeconds: 900 },
      { durationSeconds: 400 }, // runs to 10:21:40
      { durationSeconds: 60, postAt: start + 20 * MIN },
      { durationSeconds: 60 },
    ]);
    expect(items[2]!.gapBeforeSeconds).toBe(-100);
    expect(sections[0]).toMatchObject({ overUnderSeconds: 100, state: 'over' });
    // The whole hour is well under: the overrun is only visible before the post.
    expect(totals.state).toBe('under');
  });

  it('back-times floating items from the next post, not from the hard out', () => {
    const { items } = timeRundown(start, hardOut, [
      { durationSeconds: 120 },
      { durationSeconds: 180 },
      { durationSeconds: 60, postAt: start + 30 * MIN },
      { durationSeconds: 600 },
    ]);
    expect(items[0]!.backTime).toBe(start + 30 * MIN - 300_000);
    expect(items[1]!.backTime).toBe(start + 30 * MIN - 180_000);
    expect(items[3]!.backTime).toBe(hardOut - 600_000);
  });

  it('without posts it is the plain front/back timing', () => {
    const { items, sections } = timeRundown(start, hardOut, [{ durationSeconds: 1800 }, { durationSeconds: 1800 }]);
    expect(items.map((item) => item.backTime)).toEqual([start, start + 30 * MIN]);
    expect(sections).toHaveLength(1);
    expect(sections[0]!.state).toBe('exact');
  });

  it('on air: taken items start at their actual time and the running one ends no earlier than now', () => {
    const now = start + 7 * MIN;
    const { items } = timeRundown(
      start,
      hardOut,
      [{ durationSeconds: 300, actualStart: start + 30_000 }, { durationSeconds: 300 }, { durationSeconds: 60, postAt: start + 20 * MIN }],
      { now, currentIndex: 0 },
    );
    expect(items[0]).toMatchObject({ startsAt: start + 30_000, endsAt: now });
    expect(items[1]!.startsAt).toBe(now);
    expect(items[2]!.gapBeforeSeconds).toBe((20 - 12) * 60);
  });
});

describe('hour clocks', () => {
  const clock: ClockItem[] = [
    { title: 'Network newscast', kind: 'hard_post', durationSeconds: 300, postAt: '00:00' },
    { title: 'Local news', kind: 'news_hole', durationSeconds: 300, postAt: null },
    { title: 'Break', kind: 'break', durationSeconds: 120, postAt: null },
    { title: 'Station ID', kind: 'legal_id', durationSeconds: 10, postAt: '59:50' },
  ];

  it('repeats once per station-time hour: 23 on the spring-forward day, 25 on the fall-back day, 24 otherwise', () => {
    const day = (date: string, next: string) => clockHourStarts(at(`${date}T00:00`), at(`${next}T00:00`), NY);
    expect(day('2026-03-08', '2026-03-09')).toHaveLength(23);
    expect(day('2026-11-01', '2026-11-02')).toHaveLength(25);
    expect(day('2026-12-07', '2026-12-08')).toHaveLength(24);
    // No 02:00 on the spring-forward day; 01:00 twice on the fall-back day.
    expect(day('2026-03-08', '2026-03-09').map((t) => formatZoned(t, NY).slice(11, 16))).not.toContain('02:00');
    expect(day('2026-11-01', '2026-11-02').filter((t) => formatZoned(t, NY).slice(11, 16) === '01:00')).toHaveLength(2);
  });

  it('pins hard posts to wall-clock times across the DST change, every hour real-time apart', () => {
    const spring = expandClock(clock, at('2026-03-08T00:00'), at('2026-03-08T05:00'), NY);
    // 00:00-05:00 on the spring-forward night is 4 hours: 4 newscasts at :00 and 4 IDs at :59:50.
    const posts = spring.filter((item) => item.kind === 'hard_post').map((item) => formatZoned(item.postAt!, NY));
    expect(posts).toEqual([
      '2026-03-08T00:00:00-05:00',
      '2026-03-08T01:00:00-05:00',
      '2026-03-08T03:00:00-04:00',
      '2026-03-08T04:00:00-04:00',
    ]);
    const fall = expandClock(clock, at('2026-11-01T00:00'), at('2026-11-01T03:00'), NY);
    const ids = fall.filter((item) => item.kind === 'legal_id').map((item) => formatZoned(item.postAt!, NY));
    expect(ids).toEqual([
      '2026-11-01T00:59:50-04:00',
      '2026-11-01T01:59:50-04:00',
      '2026-11-01T01:59:50-05:00',
      '2026-11-01T02:59:50-05:00',
    ]);
  });

  it('a whole 25-hour day times out exactly: hard posts sectioned, under by the open air in each hour', () => {
    const start = at('2026-11-01T00:00');
    const end = at('2026-11-02T00:00');
    const items = expandClock(clock, start, end, NY);
    expect(items).toHaveLength(25 * 4);
    const { sections, totals } = timeRundown(start, end, items);
    // One section before each post (50), plus the last stretch to the hard out.
    expect(sections).toHaveLength(51);
    expect(totals.availableSeconds).toBe(25 * 3600);
    // Before each ID at :59:50: 5+5+2 minutes planned of 59:50 available.
    expect(sections[1]).toMatchObject({ plannedSeconds: 720, availableSeconds: 3590, state: 'under' });
  });

  it('drops posts that fall after a block end and starts at the first full hour of a block', () => {
    const items = expandClock(clock, at('2026-12-07T05:30'), at('2026-12-07T06:30'), NY);
    expect(items.map((item) => item.title)).toEqual(['Network newscast', 'Local news', 'Break']);
  });

  it('validates clocks: a hard post needs a time, posts in order, times as mm:ss', () => {
    const bad = SaveClockSchema.safeParse({
      version: 1,
      items: [
        { title: 'News', kind: 'hard_post', durationSeconds: 300 },
        { title: 'ID', kind: 'legal_id', durationSeconds: 10, postAt: '59:50' },
        { title: 'Late', kind: 'legal_id', durationSeconds: 10, postAt: '30:00' },
        { title: 'Bad', kind: 'break', durationSeconds: 10, postAt: '61:00' },
      ],
    });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['items.0.postAt', 'items.2.postAt', 'items.3.postAt']));
  });
});

describe('reading time', () => {
  it('counts words and reads at the program pace (default 160 wpm), rounding up', () => {
    expect(countWords("It's the top of the hour — here's NPR's Steve Inskeep, in Washington.")).toBe(12);
    expect(countWords('   ')).toBe(0);
    expect(readingSeconds('')).toBe(0);
    expect(DEFAULT_WORDS_PER_MINUTE).toBe(160);
    expect(readingSeconds(Array(160).fill('word').join(' '))).toBe(60);
    expect(readingSeconds(Array(161).fill('word').join(' '))).toBe(61);
    expect(readingSeconds(Array(100).fill('word').join(' '), 200)).toBe(30);
    expect(() => readingSeconds('a', 0)).toThrow(RangeError);
  });

  it('reads a rich-text script through its plain text', () => {
    const doc = RichTextDocSchema.parse({
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'Intro' }] },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Good morning, ' },
            { type: 'text', text: 'this is', marks: [{ type: 'bold' }] },
          ],
        },
      ],
    });
    expect(countWords(richTextToPlain(doc))).toBe(5);
  });
});

describe('rundown and take inputs', () => {
  it('refuses a script that is not the rich-text model, a bad post time, a negative take sequence', () => {
    const bad = SaveRundownSchema.safeParse({
      version: 1,
      items: [{ title: 'A', kind: 'story', durationSeconds: 10, script: '<p>hi</p>', postAt: '10:00' }],
    });
    expect(bad.error?.issues.map((issue) => issue.path.join('.'))).toEqual(expect.arrayContaining(['items.0.script', 'items.0.postAt']));
    expect(TakeSchema.safeParse({ expectedSeq: -1 }).success).toBe(false);
    expect(TakeSchema.safeParse({ expectedSeq: 0 }).success).toBe(true);
  });
});
