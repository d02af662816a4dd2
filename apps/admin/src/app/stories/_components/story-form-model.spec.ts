import { DURATION_HINTS, parseDuration, type AudioSummary, type Story } from '@newsdesk/contracts';
import { toCreateInput as toSegmentCreate, segmentFormSchema } from '../../schedule/_lib/segment-form';
import {
  StoryFormSchema,
  fieldErrorLabel,
  formPathOf,
  parseEpisodeNumber,
  toCreateInput,
  toFormInput,
  toUpdateInput,
} from './story-form-model';

/**
 * "90" in a duration field: the schedule reads it as 90 minutes with the contracts' parseDuration,
 * as its hint states. (The story's typed audio duration is gone: durations are read from the files.)
 */
describe('duration fields', () => {
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
});

const asset = (id: string, title: string, extra: Partial<AudioSummary> = {}): AudioSummary => ({
  id,
  kind: 'upload',
  title,
  contentType: 'audio/wav',
  durationSeconds: 225,
  byteSize: 1000,
  originalName: `${title}.wav`,
  playable: true,
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
  version: 1,
  encoding: 'ready',
  ...extra,
});

const A = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';
const B = '6fa459ea-ee8a-4ca4-894e-db77e160355e';

describe('the story form model', () => {
  const saved = {
    id: '8d1f6e55-4a8b-4c7e-9d3c-1f2e3a4b5c6d',
    slug: 'budget-vote',
    headline: 'Budget vote',
    teaser: '',
    dateline: '',
    credit: '',
    leadImageId: null,
    body: { type: 'doc', content: [] },
    bodyHtml: '',
    bylines: [],
    tags: [],
    programId: null,
    audioUrl: null,
    audioDurationSeconds: 225,
    audio: [
      { assetId: A, title: 'The vote', primary: true, asset: asset(A, 'Council tape') },
      { assetId: B, title: 'Interview', primary: false, asset: asset(B, 'Mayor interview') },
    ],
    broadcast: false,
    episodeSeason: null,
    episodeNumber: 4,
    episodeType: 'full',
    corrections: [],
    transcript: { turns: [] },
    status: 'draft',
    version: 3,
    publishedAt: null,
  } as unknown as Story;

  it('sends only what changed, on the version it was based on', async () => {
    const values = await StoryFormSchema.parseAsync({ ...toFormInput(saved), teaser: 'Council votes tonight' });
    expect(toUpdateInput(values, saved)).toEqual({ version: 3, teaser: 'Council votes tonight' });
  });

  it('sends recommendUntil when it is set, moved or cleared (null), not when it is the same instant', async () => {
    const set = await StoryFormSchema.parseAsync({ ...toFormInput(saved), recommendUntil: '2027-01-31T15:00:00.000Z' });
    expect(toUpdateInput(set, saved)).toEqual({ version: 3, recommendUntil: '2027-01-31T15:00:00.000Z' });
    const withEnd = { ...saved, recommendUntil: '2027-01-31T15:00:00.000Z' } as Story;
    const sameMoment = await StoryFormSchema.parseAsync({ ...toFormInput(withEnd), recommendUntil: '2027-02-01T00:00:00+09:00' });
    expect(toUpdateInput(sameMoment, withEnd)).toEqual({ version: 3 });
    const cleared = await StoryFormSchema.parseAsync({ ...toFormInput(withEnd), recommendUntil: null });
    expect(toUpdateInput(cleared, withEnd)).toEqual({ version: 3, recommendUntil: null });
    expect(StoryFormSchema.safeParse({ ...toFormInput(saved), recommendUntil: 'tomorrow' }).success).toBe(false);
  });

  it('sends the lead photo when it is chosen, replaced or removed (null), and not otherwise', async () => {
    const chosen = await StoryFormSchema.parseAsync({ ...toFormInput(saved), leadImageId: A });
    expect(toUpdateInput(chosen, saved)).toEqual({ version: 3, leadImageId: A });
    const withPhoto = { ...saved, leadImageId: A } as Story;
    expect(toFormInput(withPhoto).leadImageId).toBe(A);
    const removed = await StoryFormSchema.parseAsync({ ...toFormInput(withPhoto), leadImageId: null });
    expect(toUpdateInput(removed, withPhoto)).toEqual({ version: 3, leadImageId: null });
    const kept = await StoryFormSchema.parseAsync(toFormInput(withPhoto));
    expect(toUpdateInput(kept, withPhoto)).toEqual({ version: 3 });
    expect(StoryFormSchema.safeParse({ ...toFormInput(saved), leadImageId: 'not-an-id' }).success).toBe(false);
  });

  it('shows the audio list in order, the asset of each with it', () => {
    const input = toFormInput(saved);
    expect(input.audio.map((item) => [item.assetId, item.title, item.asset.title])).toEqual([
      [A, 'The vote', 'Council tape'],
      [B, 'Interview', 'Mayor interview'],
    ]);
    expect(input.episodeSeason).toBe('');
    expect(input.episodeNumber).toBe('4');
    expect(input.episodeType).toBe('full');
  });

  it('sends the whole audio list, in its new order, when it was reordered or retitled (the first is primary)', async () => {
    const input = toFormInput(saved);
    const swapped = await StoryFormSchema.parseAsync({ ...input, audio: [input.audio[1], input.audio[0]] });
    expect(toUpdateInput(swapped, saved)).toEqual({
      version: 3,
      audio: [
        { assetId: B, title: 'Interview' },
        { assetId: A, title: 'The vote' },
      ],
    });
    const retitled = await StoryFormSchema.parseAsync({ ...input, audio: [{ ...input.audio[0], title: '  Tape  ' }, input.audio[1]] });
    expect(toUpdateInput(retitled, saved).audio).toEqual([
      { assetId: A, title: 'Tape' },
      { assetId: B, title: 'Interview' },
    ]);
    const removed = await StoryFormSchema.parseAsync({ ...input, audio: [] });
    expect(toUpdateInput(removed, saved)).toEqual({ version: 3, audio: [] });
  });

  it('refuses the same audio twice', () => {
    const input = toFormInput(saved);
    const result = StoryFormSchema.safeParse({ ...input, audio: [input.audio[0], input.audio[0]] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('Each audio only once');
  });

  it('reads episode numbers as whole numbers or none, and sends the broadcast flag and episode type when changed', async () => {
    expect(parseEpisodeNumber('')).toBeNull();
    expect(parseEpisodeNumber(' 12 ')).toBe(12);
    for (const bad of ['0', '-1', '1.5', 'two', '10001']) {
      expect(StoryFormSchema.safeParse({ ...toFormInput(saved), episodeSeason: bad }).success).toBe(false);
    }
    const values = await StoryFormSchema.parseAsync({
      ...toFormInput(saved),
      broadcast: true,
      episodeSeason: '2',
      episodeNumber: '',
      episodeType: 'bonus',
    });
    expect(toUpdateInput(values, saved)).toEqual({
      version: 3,
      broadcast: true,
      episodeSeason: 2,
      episodeNumber: null,
      episodeType: 'bonus',
    });
  });

  it('creates a story with its audio list and never the deprecated audio URL fields', async () => {
    const input = toFormInput(undefined);
    expect(input.audio).toEqual([]);
    const values = await StoryFormSchema.parseAsync({
      ...input,
      headline: 'Budget vote',
      audio: [{ assetId: A, title: '', asset: asset(A, 'Council tape') }],
      broadcast: true,
    });
    const create = toCreateInput(values);
    expect(create.audio).toEqual([{ assetId: A, title: '' }]);
    expect(create.broadcast).toBe(true);
    expect(create).not.toHaveProperty('audioUrl');
    expect(create).not.toHaveProperty('audioDurationSeconds');
  });

  it('puts an audio item title error on its field, and names the item in the banner', () => {
    expect(formPathOf('audio.1.title')).toBe('audio.1.title');
    expect(formPathOf('audio')).toBe('audio');
    expect(formPathOf('broadcast')).toBe('broadcast');
    expect(fieldErrorLabel('audio.1.assetId')).toBe('Audio 2');
    expect(fieldErrorLabel('episodeNumber')).toBe('Episode number');
  });
});
