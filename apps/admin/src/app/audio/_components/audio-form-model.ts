import { AUDIO_TITLE_MAX, type AudioAsset, type UpdateAudioInput } from '@newsdesk/contracts';
import { z } from 'zod';
import { isoToLocalInput, localInputToIso } from '@/lib/format';

/**
 * The asset page's rights form: title, what listeners may do (NPR CDS's streamable, downloadable,
 * embeddable), and the availability window as `<input type="datetime-local">` values, read in the
 * browser's time zone and sent as ISO instants (empty: no bound).
 */

const localInstant = z
  .string()
  .trim()
  .refine((value) => value === '' || localInputToIso(value) !== null, 'Enter a date and time');

export const AudioFormSchema = z
  .object({
    title: z.string().trim().max(AUDIO_TITLE_MAX, `A title has at most ${AUDIO_TITLE_MAX} characters`),
    streamable: z.boolean(),
    downloadable: z.boolean(),
    embeddable: z.boolean(),
    availableFrom: localInstant,
    availableUntil: localInstant,
  })
  .refine(
    (value) => {
      const from = value.availableFrom ? localInputToIso(value.availableFrom) : null;
      const until = value.availableUntil ? localInputToIso(value.availableUntil) : null;
      return !from || !until || Date.parse(from) < Date.parse(until);
    },
    { message: 'The end must be after the start', path: ['availableUntil'] },
  );
export type AudioFormInput = z.input<typeof AudioFormSchema>;
export type AudioFormValues = z.output<typeof AudioFormSchema>;

export const AUDIO_FORM_FIELDS = ['title', 'streamable', 'downloadable', 'embeddable', 'availableFrom', 'availableUntil'] as const;

export function toAudioForm(asset: AudioAsset): AudioFormInput {
  return {
    title: asset.title,
    streamable: asset.streamable,
    downloadable: asset.downloadable,
    embeddable: asset.embeddable,
    availableFrom: isoToLocalInput(asset.availableFrom ?? undefined),
    availableUntil: isoToLocalInput(asset.availableUntil ?? undefined),
  };
}

/** A window bound as the API takes it: an instant, or null for none. */
export function boundOf(local: string): string | null {
  return local ? localInputToIso(local) : null;
}

/**
 * Only what changed since `saved`, on its version. A bound left as shown is not sent (the input shows
 * whole minutes: a stored instant with seconds stays as it is unless the field is edited).
 */
export function toAudioUpdate(values: AudioFormValues, saved: AudioAsset): UpdateAudioInput {
  const update: UpdateAudioInput = { version: saved.version };
  if (values.title !== saved.title) update.title = values.title;
  if (values.streamable !== saved.streamable) update.streamable = values.streamable;
  if (values.downloadable !== saved.downloadable) update.downloadable = values.downloadable;
  if (values.embeddable !== saved.embeddable) update.embeddable = values.embeddable;
  if (values.availableFrom !== isoToLocalInput(saved.availableFrom ?? undefined)) update.availableFrom = boundOf(values.availableFrom);
  if (values.availableUntil !== isoToLocalInput(saved.availableUntil ?? undefined)) update.availableUntil = boundOf(values.availableUntil);
  return update;
}

/** A rendition still on its way (the page polls while one is). */
export function encodePending(asset: Pick<AudioAsset, 'renditions'>): boolean {
  return asset.renditions.some((rendition) => rendition.status === 'queued' || rendition.status === 'encoding');
}
