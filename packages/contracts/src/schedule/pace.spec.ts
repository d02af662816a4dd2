import { CreatePersonSchema, UpdatePersonSchema } from '../people.js';
import { SaveRundownSchema } from './rundowns.js';
import { WordsPerMinuteSchema } from './stations.js';
import { DEFAULT_WORDS_PER_MINUTE, readingPace, readingSeconds } from './timing.js';

/** Reading pace per host (issue 20 item 1): the reader's own pace wins over the program's. */
describe('reading pace per host', () => {
  const words = (n: number) => Array(n).fill('word').join(' ');

  it("uses the reader's pace when set, else the program's, else the default", () => {
    expect(readingPace(120, 200)).toBe(120);
    expect(readingPace(null, 200)).toBe(200);
    expect(readingPace(undefined, 200)).toBe(200);
    expect(readingPace(null, null)).toBe(DEFAULT_WORDS_PER_MINUTE);
    expect(readingPace()).toBe(160);
  });

  it('estimates an item at its reader’s pace: 200 words at 120 wpm are 100 s, at the program’s 200 wpm 60 s', () => {
    expect(readingSeconds(words(200), readingPace(120, 200))).toBe(100);
    expect(readingSeconds(words(200), readingPace(null, 200))).toBe(60);
    // A slow reader (60 wpm) over one word still rounds up to a whole second; a fast one (400) too.
    expect(readingSeconds(words(1), readingPace(60, 200))).toBe(1);
    expect(readingSeconds(words(7), readingPace(400, 160))).toBe(2);
  });

  it('a person’s pace is 60-400 whole words per minute, or null (the program’s)', () => {
    const issue = (value: unknown) => {
      const result = UpdatePersonSchema.safeParse({ version: 1, wordsPerMinute: value });
      return result.success ? null : result.error.issues.map((i) => i.path.join('.'));
    };
    expect(issue(60)).toBeNull();
    expect(issue(400)).toBeNull();
    expect(issue(null)).toBeNull();
    for (const bad of [59, 401, 150.5, '160', -1, Number.NaN, true]) expect([bad, issue(bad)]).toEqual([bad, ['wordsPerMinute']]);
    expect(CreatePersonSchema.safeParse({ displayName: 'Rachel Martin', wordsPerMinute: 10 }).success).toBe(false);
    expect(CreatePersonSchema.parse({ displayName: 'Rachel Martin', wordsPerMinute: 175 }).wordsPerMinute).toBe(175);
    expect(WordsPerMinuteSchema.safeParse(160).success).toBe(true);
  });

  it('a rundown item names its reader by id (null by default); anything else is refused naming the field', () => {
    const item = { title: 'Intro', kind: 'story', durationSeconds: 30 };
    expect(SaveRundownSchema.parse({ version: 1, items: [item] }).items[0]?.readerId).toBeNull();
    const bad = SaveRundownSchema.safeParse({ version: 1, items: [{ ...item, readerId: 'rachel' }] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(['items.0.readerId']);
  });
});
