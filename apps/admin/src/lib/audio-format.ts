import {
  AUDIO_EXTENSIONS,
  formatDuration,
  type AudioAsset,
  type AudioSummary,
  type AudioType,
  type RenditionProfile,
} from '@newsdesk/contracts';
import { isApiError } from './api';

/** "3:45" (or "1:02:03"); an em dash when unknown. */
export function audioDuration(seconds: number | null | undefined): string {
  return seconds === null || seconds === undefined ? '—' : formatDuration(seconds);
}

/** "WAV", "MP3", "M4A" from the content type. */
export function audioTypeLabel(contentType: string): string {
  const ext = AUDIO_EXTENSIONS[contentType as AudioType];
  return ext ? (ext === 'mp3' ? 'MP3' : ext.toUpperCase()) : contentType;
}

export const ENCODING_LABELS: Record<AudioSummary['encoding'], string> = {
  none: 'Playable as uploaded',
  queued: 'Waiting to encode',
  encoding: 'Encoding',
  ready: 'Ready',
  failed: 'Encode failed',
};

export const PROFILE_LABELS: Record<RenditionProfile, string> = {
  original: 'Original',
  'mp3-128': 'MP3 128 kbit/s',
  'mp3-64-mono': 'MP3 64 kbit/s mono (podcasts)',
};

/** The accept attribute of an audio file input: the types the API takes, and their usual extensions. */
export const AUDIO_ACCEPT = 'audio/*,.mp3,.m4a,.aac,.wav,.flac,.ogg,.opus';

/** Why an upload failed, in words (415 and 413 say what to do about it). */
export function uploadFailure(error: unknown): string {
  if (!isApiError(error)) return 'The upload failed: the server could not be reached. Check your connection and try again.';
  const detail = error.problem.detail;
  if (error.status === 415)
    return `This file is not audio Newsdesk can take${detail ? ` (${detail})` : ''}. Upload MP3, M4A/AAC, WAV, FLAC or OGG/Opus.`;
  if (error.status === 413)
    return `This file is too large to upload${detail ? ` (${detail})` : ''}. Export a shorter or compressed version.`;
  if (error.status === 403) return 'You do not have permission to upload audio.';
  return detail ? `${error.problem.title}: ${detail}` : error.problem.title;
}

/**
 * The least advanced encode state of an asset's renditions, as the library's list shows it: a failed
 * encode first (it needs a person), then waiting, then running; `ready` once every encode is done;
 * `none` when nothing needed encoding (only the playable original).
 */
export function encodingOf(renditions: AudioAsset['renditions']): AudioSummary['encoding'] {
  const encoded = renditions.filter((rendition) => rendition.profile !== 'original');
  for (const state of ['failed', 'queued', 'encoding'] as const) if (encoded.some((rendition) => rendition.status === state)) return state;
  return encoded.length ? 'ready' : 'none';
}

/** The library-list summary of a full asset (e.g. one just uploaded, to attach to a story). */
export function summaryOf(asset: AudioAsset): AudioSummary {
  return {
    id: asset.id,
    kind: asset.kind,
    title: asset.title,
    contentType: asset.contentType,
    durationSeconds: asset.durationSeconds,
    byteSize: asset.byteSize,
    originalName: asset.originalName,
    playable: asset.playable,
    createdAt: asset.createdAt,
    updatedAt: asset.updatedAt,
    version: asset.version,
    encoding: encodingOf(asset.renditions),
  };
}

/** "Budget vote (3:45 · WAV)": an asset named for lists and buttons. */
export function audioName(asset: Pick<AudioSummary, 'title' | 'originalName'>): string {
  return asset.title || asset.originalName || 'Untitled audio';
}
