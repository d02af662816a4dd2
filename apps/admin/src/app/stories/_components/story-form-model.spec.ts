import { DURATION_HINTS, parseDuration, type Story } from '@newsdesk/contracts';
import { toCreateInput as toSegmentCreate, segmentFormSchema } from '../../schedule/_lib/segment-form';
import { StoryFormSchema, formatAudioDuration, parseAudioDuration, toCreateInput, toFormInput, toUpdateInput } from './story-form-model';

/**
 * "90" in a duration field: the story form read it as 90 seconds with its own parser, the
 * schedule as 90 minutes with the contracts'. Now both use the contracts' parseDuration, each
 * with the unit its hint states: an audio clip's length in seconds, a schedule length in minutes.
 */
describe('duration fields', () => {
  it('reads a bare number in the audio duration as seconds, as its hint says', async () => {
    expect(DURATION_HINTS.seconds).toContain('90 = 1:30');
    expect(parseAudioDuration('90')).toBe(90);
    expect(parseAudioDuration('1:30')).toBe(90);
    expect(parseAudioDuration('1h 2m 3s')).toBe(3723);
    expect(parseAudioDuration('')).toBeNull();
    expect(parseAudioDuration('soon')).toBeUndefined();
    const values = await StoryFormSchema.parseAsync({ ...toFormInput(undefined), headline: 'Budget vote', audioDuration: '90' });
    expect(toCreateInput(values).audioDurationSeconds).toBe(90);
  });

  it('reads a bare number in a segment length as minutes, as its hint says', () => {
    expect(DURATION_HINTS.minutes).toContain('90 = 1:30:00');
    const values = segmentFormSchema('America/New_York').parse({
      title: 'Morning Edition',
      kind: 'program',
      date: '2026-03-10',
      startTime: '05:00',
      offset: '',
      duration: '90',
      programId: '',
      storyId: '',
      notes: '',
      status: 'planned',
    });
    expect(toSegmentCreate('8d1f6e55-4a8b-4c7e-9d3c-1f2e3a4b5c6d', values).durationSeconds).toBe(5400);
    expect(parseDuration('90', 'minutes')).toBe(5400);
  });

  it('refuses an unreadable or over-long audio duration, and shows a stored one as m:ss', () => {
    expect(StoryFormSchema.safeParse({ ...toFormInput(undefined), headline: 'x', audioDuration: '3:75' }).success).toBe(false);
    expect(StoryFormSchema.safeParse({ ...toFormInput(undefined), headline: 'x', audioDuration: '25:00:00' }).success).toBe(false);
    expect(formatAudioDuration(225)).toBe('3:45');
    expect(formatAudioDuration(3723)).toBe('1:02:03');
    expect(formatAudioDuration(null)).toBe('');
  });
});

describe('the story form model', () => {
  const saved = {
    id: '8d1f6e55-4a8b-4c7e-9d3c-1f2e3a4b5c6d',
    slug: 'budget-vote',
    headline: 'Budget vote',
    teaser: '',
    dateline: '',
    credit: '',
    body: { type: 'doc', content: [] },
    bodyHtml: '',
    bylines: [],
    tags: [],
    programId: null,
    audioUrl: null,
    audioDurationSeconds: 225,
    corrections: [],
    transcript: { turns: [] },
    status: 'draft',
    version: 3,
    publishedAt: null,
  } as unknown as Story;

  it('sends only what changed, on the version it was based on', async () => {
    const values = await StoryFormSchema.parseAsync({ ...toFormInput(saved), audioDuration: '3:45', teaser: 'Council votes tonight' });
    expect(toUpdateInput(values, saved)).toEqual({ version: 3, teaser: 'Council votes tonight' });
    const longer = await StoryFormSchema.parseAsync({ ...toFormInput(saved), audioDuration: '240' });
    expect(toUpdateInput(longer, saved)).toEqual({ version: 3, audioDurationSeconds: 240 });
  });
});
