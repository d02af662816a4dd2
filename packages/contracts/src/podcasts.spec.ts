import { PodcastChaptersSchema } from './podcasts.js';

/** podcast:chapters JSON 1.2.0 as the Podcasting 2.0 "JSON Chapters Format" defines it. */
describe('PodcastChaptersSchema', () => {
  const ok = (chapters: unknown[]) => PodcastChaptersSchema.safeParse({ version: '1.2.0', chapters });
  const paths = (chapters: unknown[]) => {
    const result = ok(chapters);
    return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
  };

  it('takes float start times in ascending order, optional titles and ends', () => {
    expect(
      ok([
        { startTime: 0, title: 'Intro' },
        { startTime: 65.5, endTime: 190 },
        { startTime: 190, title: 'Out' },
      ]).success,
    ).toBe(true);
    expect(ok([]).success).toBe(true);
  });

  it('refuses a missing or negative start, an end not after its start, chapters out of order, another version', () => {
    expect(paths([{ title: 'No start' }])).toEqual(['chapters.0.startTime']);
    expect(paths([{ startTime: -1 }])).toEqual(['chapters.0.startTime']);
    expect(paths([{ startTime: 10, endTime: 10 }])).toEqual(['chapters.0.endTime']);
    expect(paths([{ startTime: 10 }, { startTime: 5 }])).toEqual(['chapters.1.startTime']);
    expect(paths([{ startTime: '1' }])).toEqual(['chapters.0.startTime']);
    expect(PodcastChaptersSchema.safeParse({ version: '1.1.0', chapters: [] }).success).toBe(false);
    expect(PodcastChaptersSchema.safeParse({ version: '1.2.0' }).success).toBe(false);
  });
});
