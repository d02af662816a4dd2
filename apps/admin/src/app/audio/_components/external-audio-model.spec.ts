import { CreateExternalAudioSchema } from '@newsdesk/contracts';
import { EMPTY_EXTERNAL_AUDIO, ExternalAudioFormSchema, toExternalAudioInput } from './external-audio-model';

describe('adding audio from a URL', () => {
  it('reads the declared length as minutes:seconds (a bare number is seconds) and sends what the contract takes', async () => {
    const values = await ExternalAudioFormSchema.parseAsync({
      ...EMPTY_EXTERNAL_AUDIO,
      url: ' https://cdn.example.org/ae/2026-12-06.mp3 ',
      duration: '7:30',
      title: 'Morning Edition, hour 1',
    });
    const input = toExternalAudioInput(values);
    expect(input).toEqual({
      url: 'https://cdn.example.org/ae/2026-12-06.mp3',
      contentType: 'audio/mpeg',
      durationSeconds: 450,
      title: 'Morning Edition, hour 1',
    });
    expect(CreateExternalAudioSchema.safeParse(input).success).toBe(true);
    expect(toExternalAudioInput(await ExternalAudioFormSchema.parseAsync({ ...values, duration: '90' })).durationSeconds).toBe(90);
  });

  it('refuses a URL that is not http(s) and an unreadable or over-long length', () => {
    const base = { ...EMPTY_EXTERNAL_AUDIO, url: 'https://cdn.example.org/a.mp3', duration: '1:00' };
    expect(ExternalAudioFormSchema.safeParse({ ...base, url: 'ftp://cdn.example.org/a.mp3' }).success).toBe(false);
    expect(ExternalAudioFormSchema.safeParse({ ...base, duration: 'soon' }).success).toBe(false);
    expect(ExternalAudioFormSchema.safeParse({ ...base, duration: '25:00:00' }).success).toBe(false);
    expect(ExternalAudioFormSchema.safeParse({ ...base, contentType: 'video/mp4' }).success).toBe(false);
  });
});
