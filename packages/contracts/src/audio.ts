import { z } from 'zod';
import { CursorSchema, IdSchema, LimitSchema, VersionSchema, pageOf } from './common.js';

/**
 * Audio assets: uploaded masters (sniffed from the bytes, measured by reading the file, stored once
 * per content under their sha256, streamed to storage) or external URLs (declared type and
 * duration). A master that players cannot take as it is (WAV, FLAC) gets MP3 renditions encoded
 * by a background job; an asset is playable once one playable rendition is `ready`.
 * Rights and availability follow NPR CDS's audio profile: outside [availableFrom, availableUntil)
 * an asset is absent from every public output, with the exact-second rule of scheduled publishing.
 */

/** Types accepted on upload (sniffed from the bytes; the name and declared type are never trusted). */
export const AUDIO_TYPES = ['audio/mpeg', 'audio/mp4', 'audio/aac', 'audio/wav', 'audio/flac', 'audio/ogg'] as const;
export const AudioTypeSchema = z.enum(AUDIO_TYPES);
export type AudioType = z.infer<typeof AudioTypeSchema>;
/** Types players take as they are (a master of another type needs an MP3 rendition first). */
export const PLAYABLE_AUDIO_TYPES: readonly AudioType[] = ['audio/mpeg', 'audio/mp4', 'audio/aac', 'audio/ogg'];
/** File extension per type, for public URLs and downloads. */
export const AUDIO_EXTENSIONS: Record<AudioType, string> = {
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
  'audio/aac': 'aac',
  'audio/wav': 'wav',
  'audio/flac': 'flac',
  'audio/ogg': 'ogg',
};

/** Default upload limit (bytes); the API's AUDIO_MAX_BYTES setting overrides it; past it: 413. */
export const AUDIO_DEFAULT_MAX_BYTES = 1024 * 1024 * 1024;

/**
 * Renditions. `original` is the uploaded master itself (or the external URL); `mp3-128` (128 kbit/s,
 * source channels) is encoded for every master that is not playable as it is; `mp3-64-mono`
 * (64 kbit/s mono, for podcasts) only when the API's AUDIO_PODCAST_MONO setting is on.
 */
export const RENDITION_PROFILES = ['original', 'mp3-128', 'mp3-64-mono'] as const;
export const RenditionProfileSchema = z.enum(RENDITION_PROFILES);
export type RenditionProfile = z.infer<typeof RenditionProfileSchema>;
export const RENDITION_STATUSES = ['queued', 'encoding', 'ready', 'failed'] as const;
export const RenditionStatusSchema = z.enum(RENDITION_STATUSES);
export type RenditionStatus = z.infer<typeof RenditionStatusSchema>;

/** An ISO 8601 instant within years 1 to 9999, as scheduled publishing takes it. */
const instant = z.iso.datetime({ offset: true, error: 'An ISO 8601 instant with an offset, e.g. 2026-12-06T09:00:00Z' }).refine((value) => {
  const year = new Date(value).getUTCFullYear();
  return year >= 1 && year <= 9999;
}, 'Use an instant between the years 1 and 9999');

export const AUDIO_TITLE_MAX = 300;
const title = z.string().trim().max(AUDIO_TITLE_MAX, `A title has at most ${AUDIO_TITLE_MAX} characters`);

/** What listeners may do with it (NPR CDS audio profile: streamable, downloadable, embeddable). */
const rightsFields = {
  /** May be played from the public URL (false: absent from every public output). */
  streamable: z.boolean(),
  /** May be offered for download (podcast enclosures need it). */
  downloadable: z.boolean(),
  /** May be embedded in other sites' players. */
  embeddable: z.boolean(),
  /** Public from this instant (null: from publication). */
  availableFrom: instant.nullable(),
  /** Public until this instant, exclusive (null: no end). */
  availableUntil: instant.nullable(),
};
const windowOrder = (value: { availableFrom?: string | null; availableUntil?: string | null }) =>
  !value.availableFrom || !value.availableUntil || Date.parse(value.availableFrom) < Date.parse(value.availableUntil);
const windowMessage = { message: 'availableUntil must be after availableFrom', path: ['availableUntil'] };

/** Text fields that may accompany the file in the multipart upload (`file` is the audio itself). */
export const UploadAudioFieldsSchema = z.strictObject({ title: title.optional() });
export type UploadAudioFields = z.input<typeof UploadAudioFieldsSchema>;

/** An asset that lives elsewhere: its type and duration as declared (nothing is fetched). */
export const CreateExternalAudioSchema = z
  .strictObject({
    url: z.url({ protocol: /^https?$/, error: 'An http(s) URL' }).max(2000, 'A URL has at most 2,000 characters'),
    contentType: AudioTypeSchema,
    durationSeconds: z
      .number()
      .min(0, 'A duration is not negative')
      .max(24 * 3600, 'A duration is at most 24 hours'),
    /** Size in bytes when known (podcast enclosures declare it). */
    byteSize: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable().default(null),
    title: title.default(''),
    streamable: rightsFields.streamable.default(true),
    downloadable: rightsFields.downloadable.default(true),
    embeddable: rightsFields.embeddable.default(true),
    availableFrom: rightsFields.availableFrom.default(null),
    availableUntil: rightsFields.availableUntil.default(null),
  })
  .refine(windowOrder, windowMessage);
export type CreateExternalAudioInput = z.input<typeof CreateExternalAudioSchema>;

export const UpdateAudioSchema = z
  .strictObject({
    version: VersionSchema,
    title: title.optional(),
    streamable: rightsFields.streamable.optional(),
    downloadable: rightsFields.downloadable.optional(),
    embeddable: rightsFields.embeddable.optional(),
    availableFrom: rightsFields.availableFrom.optional(),
    availableUntil: rightsFields.availableUntil.optional(),
  })
  .refine(windowOrder, windowMessage);
export type UpdateAudioInput = z.input<typeof UpdateAudioSchema>;

export const AudioRenditionSchema = z.object({
  id: IdSchema,
  profile: RenditionProfileSchema,
  status: RenditionStatusSchema,
  /** 0..1 while encoding. */
  progress: z.number(),
  /** Why the encode failed (FFmpeg's last words), when it did. */
  error: z.string().nullable(),
  attempts: z.number().int(),
  contentType: z.string().nullable(),
  byteSize: z.number().int().nullable(),
  bitrate: z.number().int().nullable(),
  durationSeconds: z.number().nullable(),
  /** The staff-only play URL of this rendition (`/api/audio/{id}/play?rendition=…`), when ready. */
  playUrl: z.string().nullable(),
  updatedAt: z.string(),
});
export type AudioRendition = z.infer<typeof AudioRenditionSchema>;

export const AudioAssetSchema = z.object({
  id: IdSchema,
  kind: z.enum(['upload', 'external']),
  title: z.string(),
  /** Uploads: hex sha256 of the master (the storage key); the same bytes uploaded again return this record. */
  sha256: z.string().nullable(),
  /** External assets: where the audio is. */
  externalUrl: z.string().nullable(),
  contentType: AudioTypeSchema,
  byteSize: z.number().int().nullable(),
  /** Read from the file (uploads) or declared (external). */
  durationSeconds: z.number().nullable(),
  bitrate: z.number().int().nullable(),
  sampleRate: z.number().int().nullable(),
  channels: z.number().int().nullable(),
  codec: z.string().nullable(),
  /** Loudness-relevant tags found in the file (ReplayGain, iTunNORM, R128), as read. */
  loudnessTags: z.record(z.string(), z.string()),
  originalName: z.string(),
  ...rightsFields,
  availableFrom: z.string().nullable(),
  availableUntil: z.string().nullable(),
  renditions: z.array(AudioRenditionSchema),
  /** One playable rendition is ready (uploads) or the external type is playable. */
  playable: z.boolean(),
  /** Stories that use it (id, headline, status), newest first. */
  usedBy: z.array(z.object({ id: IdSchema, headline: z.string(), status: z.string() })),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AudioAsset = z.infer<typeof AudioAssetSchema>;

export const AudioSummarySchema = AudioAssetSchema.pick({
  id: true,
  kind: true,
  title: true,
  contentType: true,
  durationSeconds: true,
  byteSize: true,
  originalName: true,
  playable: true,
  createdAt: true,
  updatedAt: true,
  version: true,
}).extend({
  /** The least advanced rendition state: what the library's list shows. */
  encoding: z.enum(['none', 'queued', 'encoding', 'ready', 'failed']),
});
export type AudioSummary = z.infer<typeof AudioSummarySchema>;

export const ListAudioQuerySchema = z.strictObject({
  /** Matches title and original file name. */
  q: z.string().trim().max(200).optional(),
  limit: LimitSchema,
  cursor: CursorSchema.optional(),
});
export type ListAudioQuery = z.infer<typeof ListAudioQuerySchema>;
export const AudioPageSchema = pageOf(AudioSummarySchema);
export type AudioPage = z.infer<typeof AudioPageSchema>;

export const RetryRenditionSchema = z.strictObject({ version: VersionSchema });
export const PlayAudioQuerySchema = z.strictObject({ rendition: RenditionProfileSchema.optional() });

// ---- A story's audio ------------------------------------------------------------------------------

export const STORY_AUDIO_MAX = 20;
/** A story's audio, in order: the first is the primary ("Listen") audio, the transcript belongs to it. */
export const StoryAudioInputSchema = z
  .array(z.strictObject({ assetId: IdSchema, title: title.default('') }))
  .max(STORY_AUDIO_MAX, `At most ${STORY_AUDIO_MAX} audio items`)
  .refine((list) => new Set(list.map((item) => item.assetId)).size === list.length, 'Each audio asset only once');
export type StoryAudioInput = z.input<typeof StoryAudioInputSchema>;

export const StoryAudioSchema = z.object({
  assetId: IdSchema,
  /** This story's title for it (falls back to the asset's title). */
  title: z.string(),
  primary: z.boolean(),
  asset: AudioSummarySchema,
});
export type StoryAudio = z.infer<typeof StoryAudioSchema>;

export const EPISODE_TYPES = ['full', 'trailer', 'bonus'] as const;
export const EpisodeTypeSchema = z.enum(EPISODE_TYPES);

// ---- Public ---------------------------------------------------------------------------------------

/** One audio of a live story as the public API shows it (only what is streamable and in its window). */
export const PublicAudioSchema = z.object({
  title: z.string(),
  primary: z.boolean(),
  /** The best playable rendition (absolute URL; answers Range requests). */
  url: z.string(),
  contentType: z.string(),
  byteSize: z.number().int().nullable(),
  durationSeconds: z.number().nullable(),
  downloadable: z.boolean(),
  embeddable: z.boolean(),
  availableUntil: z.string().nullable(),
});
export type PublicAudio = z.infer<typeof PublicAudioSchema>;

/** The public path of an asset's rendition (relative to the API's origin): `/api/public/audio/<id>/<profile>.<ext>`. */
export function publicAudioPath(assetId: string, profile: RenditionProfile, contentType: AudioType | string): string {
  const ext = AUDIO_EXTENSIONS[contentType as AudioType] ?? 'bin';
  return `/api/public/audio/${assetId}/${profile}.${ext}`;
}
