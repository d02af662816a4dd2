import {
  AUDIO_TITLE_MAX,
  AudioTypeSchema,
  CreateExternalAudioSchema,
  parseDuration,
  type CreateExternalAudioInput,
} from '@newsdesk/contracts';
import { z } from 'zod';

/**
 * "Add audio from a URL": audio that lives elsewhere, with its type and duration as declared
 * (nothing is fetched). The duration is typed as m:ss (a bare number is seconds).
 */
const urlSchema = CreateExternalAudioSchema.shape.url;
const MAX_SECONDS = 24 * 3600;

export const ExternalAudioFormSchema = z.object({
  url: z
    .string()
    .trim()
    .refine((value) => urlSchema.safeParse(value).success, 'Enter the http(s) address of the audio file'),
  contentType: AudioTypeSchema,
  duration: z
    .string()
    .trim()
    .refine((value) => {
      const seconds = parseDuration(value, 'seconds');
      return seconds !== null && seconds >= 0 && seconds <= MAX_SECONDS;
    }, 'Enter its length as minutes:seconds (e.g. 3:45), at most 24 hours'),
  title: z.string().trim().max(AUDIO_TITLE_MAX, `A title has at most ${AUDIO_TITLE_MAX} characters`),
});
export type ExternalAudioFormInput = z.input<typeof ExternalAudioFormSchema>;
export type ExternalAudioFormValues = z.output<typeof ExternalAudioFormSchema>;

export const EMPTY_EXTERNAL_AUDIO: ExternalAudioFormInput = { url: '', contentType: 'audio/mpeg', duration: '', title: '' };

export function toExternalAudioInput(values: ExternalAudioFormValues): CreateExternalAudioInput {
  return {
    url: values.url,
    contentType: values.contentType,
    durationSeconds: parseDuration(values.duration, 'seconds') ?? 0,
    title: values.title,
  };
}
