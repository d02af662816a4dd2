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
