import { AUDIO_TITLE_MAX, type AudioAsset, type UpdateAudioInput } from '@newsdesk/contracts';
import { z } from 'zod';
import { instantToZoned, zonedToInstant } from '@/lib/time-zones';

/**
 * The asset page's rights form: title, what listeners may do (NPR CDS's streamable, downloadable,
 * embeddable), and the availability window as `<input type="datetime-local">` values, read in the
 * editor's time zone (the browser's) and sent as ISO instants (empty: no bound). A wall time the
 * clocks skip in that zone (a daylight-saving gap) is refused, not guessed.
 */

/** The instant a window input names in `zone`, or null (empty or not a time there). */
export function boundOf(local: string, zone: string): string | null {
  if (!local) return null;
  const result = zonedToInstant(local, zone);
  return result.ok ? result.instant.toISOString() : null;
}

/** The input value showing a stored bound in `zone` ('' for none). */
export function localOf(iso: string | null, zone: string): string {
  return iso ? instantToZoned(new Date(iso), zone) : '';
}

const localInstant = (zone: string) =>
  z
    .string()
    .trim()
    .refine((value) => value === '' || zonedToInstant(value, zone).ok, `Enter a date and time that exists in ${zone}`);

export function audioFormSchema(zone: string) {
  return z
    .object({
      title: z.string().trim().max(AUDIO_TITLE_MAX, `A title has at most ${AUDIO_TITLE_MAX} characters`),
      streamable: z.boolean(),
      downloadable: z.boolean(),
      embeddable: z.boolean(),
      availableFrom: localInstant(zone),
      availableUntil: localInstant(zone),
    })
    .refine(
      (value) => {
        const from = boundOf(value.availableFrom, zone);
        const until = boundOf(value.availableUntil, zone);
        return !from || !until || Date.parse(from) < Date.parse(until);
      },
      { message: 'The end must be after the start', path: ['availableUntil'] },
    );
}
type AudioFormSchema = ReturnType<typeof audioFormSchema>;
export type AudioFormInput = z.input<AudioFormSchema>;
export type AudioFormValues = z.output<AudioFormSchema>;

export const AUDIO_FORM_FIELDS = ['title', 'streamable', 'downloadable', 'embeddable', 'availableFrom', 'availableUntil'] as const;

export function toAudioForm(asset: AudioAsset, zone: string): AudioFormInput {
  return {
    title: asset.title,
    streamable: asset.streamable,
    downloadable: asset.downloadable,
    embeddable: asset.embeddable,
    availableFrom: localOf(asset.availableFrom, zone),
    availableUntil: localOf(asset.availableUntil, zone),
  };
}

/**
 * Only what changed since `saved`, on its version. A bound left as shown is not sent (the input shows
 * whole minutes: a stored instant with seconds stays as it is unless the field is edited).
 */
export function toAudioUpdate(values: AudioFormValues, saved: AudioAsset, zone: string): UpdateAudioInput {
  const update: UpdateAudioInput = { version: saved.version };
  if (values.title !== saved.title) update.title = values.title;
  if (values.streamable !== saved.streamable) update.streamable = values.streamable;
  if (values.downloadable !== saved.downloadable) update.downloadable = values.downloadable;
  if (values.embeddable !== saved.embeddable) update.embeddable = values.embeddable;
  if (values.availableFrom !== localOf(saved.availableFrom, zone)) update.availableFrom = boundOf(values.availableFrom, zone);
  if (values.availableUntil !== localOf(saved.availableUntil, zone)) update.availableUntil = boundOf(values.availableUntil, zone);
  return update;
}

/** A rendition still on its way (the page polls while one is). */
export function encodePending(asset: Pick<AudioAsset, 'renditions'>): boolean {
  return asset.renditions.some((rendition) => rendition.status === 'queued' || rendition.status === 'encoding');
}
