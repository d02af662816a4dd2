import type { AudioAsset, AudioRendition } from '@newsdesk/contracts';
import { audioFormSchema, encodePending, toAudioForm, toAudioUpdate } from './audio-form-model';

// The window inputs are read in the editor's time zone: one with a daylight-saving change on 8 March 2026.
const ZONE = 'America/New_York';
const AudioFormSchema = audioFormSchema(ZONE);

const rendition = (profile: AudioRendition['profile'], status: AudioRendition['status']): AudioRendition => ({
  id: `${profile}-id`,
  profile,
  status,
  progress: status === 'ready' ? 1 : 0,
  error: status === 'failed' ? 'ffmpeg exited with code 1' : null,
  attempts: 1,
  contentType: 'audio/mpeg',
  byteSize: null,
  bitrate: null,
  durationSeconds: null,
  playUrl: null,
  updatedAt: '2026-12-01T10:00:00.000Z',
});

const saved = {
  id: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
  title: 'Council tape',
  streamable: true,
  downloadable: true,
  embeddable: false,
  availableFrom: '2026-03-08T06:30:00.000Z',
  availableUntil: null,
  renditions: [rendition('original', 'ready'), rendition('mp3-128', 'encoding')],
  version: 5,
} as unknown as AudioAsset;

describe('the audio rights form', () => {
  it('shows the window in local time, and sends nothing but the version when nothing changed', async () => {
    const input = toAudioForm(saved, ZONE);
    // 06:30 UTC on 8 March 2026 is 01:30 in New York (EST, before the 2 am change to EDT).
    expect(input.availableFrom).toBe('2026-03-08T01:30');
    expect(input.availableUntil).toBe('');
    expect(toAudioUpdate(await AudioFormSchema.parseAsync(input), saved, ZONE)).toEqual({ version: 5 });
  });

  it('turns local wall times into ISO instants (after the clocks changed too), and an emptied bound into null', async () => {
    const values = await AudioFormSchema.parseAsync({
      ...toAudioForm(saved, ZONE),
      availableFrom: '',
      availableUntil: '2026-03-08T03:30',
      embeddable: true,
      title: ' Council vote ',
    });
    expect(toAudioUpdate(values, saved, ZONE)).toEqual({
      version: 5,
      title: 'Council vote',
      embeddable: true,
      availableFrom: null,
      // 03:30 EDT (UTC-4): the clocks went forward at 2 am.
      availableUntil: '2026-03-08T07:30:00.000Z',
    });
  });

  it('refuses a wall time the clocks skip (2:30 on the morning they go forward)', () => {
    const result = AudioFormSchema.safeParse({ ...toAudioForm(saved, ZONE), availableUntil: '2026-03-08T02:30' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('Enter a date and time that exists in America/New_York');
  });

  it('refuses an end that is not after the start, on the end field', () => {
    const result = AudioFormSchema.safeParse({ ...toAudioForm(saved, ZONE), availableUntil: '2026-03-08T01:00' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['availableUntil']);
  });

  it('polls while an encode is queued or running, and stops once none is', () => {
    expect(encodePending(saved)).toBe(true);
    expect(encodePending({ renditions: [rendition('original', 'ready'), rendition('mp3-128', 'queued')] })).toBe(true);
    expect(encodePending({ renditions: [rendition('original', 'ready'), rendition('mp3-128', 'failed')] })).toBe(false);
    expect(encodePending({ renditions: [rendition('original', 'ready'), rendition('mp3-128', 'ready')] })).toBe(false);
  });
});
