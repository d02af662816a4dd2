import { PLAYABLE_AUDIO_TYPES } from '@newsdesk/contracts';

/**
 * The one rule for "listeners may get this audio", beside stories/story-live.ts: an asset is public
 * while it is streamable and now is inside [available_from, available_until) (the exact-second rule
 * of scheduled publishing: the window opens at available_from and closes at available_until, never
 * waiting for a timer). An asset is only ever reached from a live story (story_audio), so every
 * public query combines this with LIVE_SQL.
 *
 * `isAudioAvailable` is the rule in TypeScript (for a row already read); `AUDIO_AVAILABLE_SQL` the
 * same rule as a WHERE fragment on audio_assets aliased `a`.
 */
export interface AudioWindow {
  streamable: boolean;
  availableFrom: Date | string | null;
  availableUntil: Date | string | null;
}

export function isAudioAvailable(asset: AudioWindow, now = new Date()): boolean {
  return (
    asset.streamable &&
    (asset.availableFrom === null || new Date(asset.availableFrom) <= now) &&
    (asset.availableUntil === null || new Date(asset.availableUntil) > now)
  );
}

/** Past its window for good (the public audio URL answers 410 Gone rather than 404). */
export function isAudioExpired(asset: AudioWindow, now = new Date()): boolean {
  return asset.availableUntil !== null && new Date(asset.availableUntil) <= now;
}

export const AUDIO_AVAILABLE_SQL = `a.streamable AND (a.available_from IS NULL OR a.available_from <= now()) AND (a.available_until IS NULL OR a.available_until > now())`;

/** What players take as it is: the one "playable" rule of audio, for assets aliased `a` and renditions `r`. */
export const PLAYABLE_TYPES_SQL = `ARRAY[${PLAYABLE_AUDIO_TYPES.map((type) => `'${type}'`).join(',')}]::text[]`;

/** The type of rendition `r` of asset `a`: as recorded, else the master's (original) or MP3 (encodes). */
export const RENDITION_TYPE_SQL = `COALESCE(r.content_type, CASE WHEN r.profile = 'original' THEN a.content_type ELSE 'audio/mpeg' END)`;

/** A ready rendition of asset `a` (alias `r`) that players take as it is. */
export const PLAYABLE_RENDITION_SQL = `r.status = 'ready' AND ${RENDITION_TYPE_SQL} = ANY(${PLAYABLE_TYPES_SQL})`;

/**
 * Asset `a` is playable: an external asset when players take its declared type (the audio module
 * makes no renditions for it), an upload once one playable rendition is ready.
 */
export const AUDIO_PLAYABLE_SQL = `((a.kind = 'external' AND a.content_type = ANY(${PLAYABLE_TYPES_SQL}))
  OR (a.kind = 'upload' AND EXISTS (SELECT 1 FROM audio_renditions r WHERE r.asset_id = a.id AND ${PLAYABLE_RENDITION_SQL})))`;
