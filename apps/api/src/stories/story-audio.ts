import type { AudioType, StoryAudioInput } from '@newsdesk/contracts';
import { AUDIO_PLAYABLE_SQL, PLAYABLE_RENDITION_SQL, PLAYABLE_TYPES_SQL, RENDITION_TYPE_SQL } from '../audio/audio-live.js';
import { iso } from '../common/sql.js';

/**
 * A story's audio as SQL fragments shared by the staff view, the public story JSON and the podcast
 * feed. Availability (streamable, window) is never decided here: it is audio/audio-live.ts's
 * AUDIO_AVAILABLE_SQL (assets aliased `a`) combined with stories/story-live.ts's LIVE_SQL.
 */

/**
 * The rendition listeners get of asset `a` (`profile`, `content_type`, `byte_size`, `duration_ms`),
 * as a subquery for a LATERAL join (no row: nothing playable). An external asset is its own
 * `original`; an upload's is the original when players take its type, else the 128 kbit/s MP3.
 * `podcast` prefers the 64 kbit/s mono MP3 when one is ready (only encoded when AUDIO_PODCAST_MONO is on).
 */
export function bestRenditionSql(podcast = false): string {
  const order = podcast
    ? `CASE r.profile WHEN 'mp3-64-mono' THEN 0 WHEN 'original' THEN 1 ELSE 2 END`
    : `CASE r.profile WHEN 'original' THEN 0 WHEN 'mp3-128' THEN 1 ELSE 2 END`;
  const profiles = podcast ? `('original','mp3-128','mp3-64-mono')` : `('original','mp3-128')`;
  return `(SELECT profile, content_type, byte_size, duration_ms FROM (
            SELECT 'original'::text AS profile, a.content_type::text AS content_type, a.byte_size, a.duration_ms, -1 AS rank
             WHERE a.kind = 'external' AND a.content_type = ANY(${PLAYABLE_TYPES_SQL})
            UNION ALL
            SELECT r.profile, ${RENDITION_TYPE_SQL}, r.byte_size, r.duration_ms, ${order}
              FROM audio_renditions r
             WHERE a.kind = 'upload' AND r.asset_id = a.id AND r.profile IN ${profiles} AND ${PLAYABLE_RENDITION_SQL}) best
          ORDER BY rank LIMIT 1)`;
}

/**
 * The public URL of rendition `rendition` (an alias) of asset `a`, absolute from `$api` (a SQL expression of
 * PUBLIC_API_URL): an external asset's own URL, else publicAudioPath (contracts/audio.ts), whose
 * extension rule is repeated here for SQL (test/story-audio.e2e-spec.ts checks the URLs resolve).
 */
export function publicAudioUrlSql(api: string, rendition: string): string {
  return `CASE WHEN a.kind = 'external' THEN a.external_url
               ELSE ${api} || '/api/public/audio/' || a.id || '/' || ${rendition}.profile || '.' ||
                    CASE ${rendition}.content_type WHEN 'audio/mpeg' THEN 'mp3' WHEN 'audio/mp4' THEN 'm4a' WHEN 'audio/aac' THEN 'aac'
                         WHEN 'audio/wav' THEN 'wav' WHEN 'audio/flac' THEN 'flac' WHEN 'audio/ogg' THEN 'ogg' ELSE 'bin' END END`;
}

/** AudioSummary (contracts/audio.ts) of asset `a`. */
export const AUDIO_SUMMARY_JSON = `json_build_object(
  'id', a.id, 'kind', a.kind, 'title', a.title, 'contentType', a.content_type,
  'durationSeconds', a.duration_ms / 1000.0, 'byteSize', a.byte_size, 'originalName', a.original_name,
  'playable', ${AUDIO_PLAYABLE_SQL},
  'createdAt', ${iso('a.created_at')}, 'updatedAt', ${iso('a.updated_at')},
  'version', a.version,
  'encoding', CASE WHEN a.kind = 'external' THEN 'none' ELSE COALESCE((SELECT CASE WHEN count(*) = 0 THEN NULL
                     WHEN bool_or(r.status = 'failed') THEN 'failed' WHEN bool_or(r.status = 'queued') THEN 'queued'
                     WHEN bool_or(r.status = 'encoding') THEN 'encoding' ELSE 'ready' END
                FROM audio_renditions r WHERE r.asset_id = a.id), 'none') END)`;

/** A story's audio as written: asset and this story's title, in order (position 0 is the primary). */
export interface StoryAudioItem {
  assetId: string;
  title: string;
}

/** What a write does to a story's audio: a whole list (`audio`), or the deprecated primary URL (`audioUrl`). */
export type AudioChange =
  | { items: StoryAudioItem[] }
  | { legacy: { url: string | null; durationSeconds?: number | null | undefined }; userId: string; only?: boolean };

/** The audio change a story create/update input asks for (undefined: none). `audio` wins over `audioUrl`. */
export function audioChangeOf(
  input: { audio?: StoryAudioInput; audioUrl?: string | null; audioDurationSeconds?: number | null },
  userId: string,
): AudioChange | undefined {
  if (input.audio !== undefined) return { items: input.audio.map((item) => ({ assetId: item.assetId, title: item.title ?? '' })) };
  if (input.audioUrl !== undefined) return { legacy: { url: input.audioUrl, durationSeconds: input.audioDurationSeconds }, userId };
  return undefined;
}

/** The type of an external URL from its extension, as the AudioPodcasts migration decides it (default audio/mpeg). */
export function audioTypeOfUrl(url: string): AudioType {
  const path = url.split(/[?#]/)[0] ?? '';
  if (/\.(m4a|mp4)$/i.test(path)) return 'audio/mp4';
  if (/\.aac$/i.test(path)) return 'audio/aac';
  if (/\.(ogg|oga|opus)$/i.test(path)) return 'audio/ogg';
  if (/\.wav$/i.test(path)) return 'audio/wav';
  if (/\.flac$/i.test(path)) return 'audio/flac';
  return 'audio/mpeg';
}
