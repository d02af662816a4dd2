import type { AudioAsset, AudioRendition } from '@newsdesk/contracts';
import { ApiError } from './api';
import { audioDuration, audioTypeLabel, encodingOf, summaryOf, uploadFailure } from './audio-format';

const rendition = (profile: AudioRendition['profile'], status: AudioRendition['status']) => ({ profile, status }) as AudioRendition;

describe('audio formatting', () => {
  it('shows durations as m:ss and types by their usual extension', () => {
    expect(audioDuration(225.4)).toBe('3:45');
    expect(audioDuration(3723)).toBe('1:02:03');
    expect(audioDuration(null)).toBe('—');
    expect(audioTypeLabel('audio/mpeg')).toBe('MP3');
    expect(audioTypeLabel('audio/wav')).toBe('WAV');
    expect(audioTypeLabel('audio/mp4')).toBe('M4A');
  });

  it('sums up the encodes as the least advanced state: failed, then queued, then encoding', () => {
    expect(encodingOf([rendition('original', 'ready')])).toBe('none');
    expect(encodingOf([rendition('original', 'ready'), rendition('mp3-128', 'ready')])).toBe('ready');
    expect(encodingOf([rendition('original', 'ready'), rendition('mp3-128', 'ready'), rendition('mp3-64-mono', 'queued')])).toBe('queued');
    expect(encodingOf([rendition('mp3-128', 'encoding'), rendition('mp3-64-mono', 'queued')])).toBe('queued');
    expect(encodingOf([rendition('mp3-128', 'encoding'), rendition('mp3-64-mono', 'ready')])).toBe('encoding');
    expect(encodingOf([rendition('mp3-128', 'failed'), rendition('mp3-64-mono', 'queued')])).toBe('failed');
  });

  it('makes the list summary of a just-uploaded asset', () => {
    const asset = {
      id: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
      kind: 'upload',
      title: 'Tone',
      contentType: 'audio/wav',
      durationSeconds: 3,
      byteSize: 529_244,
      originalName: 'tone.wav',
      playable: false,
      createdAt: '2026-12-01T10:00:00.000Z',
      updatedAt: '2026-12-01T10:00:00.000Z',
      version: 1,
      renditions: [rendition('original', 'ready'), rendition('mp3-128', 'queued')],
      sha256: 'abc',
    } as unknown as AudioAsset;
    expect(summaryOf(asset)).toEqual({
      id: asset.id,
      kind: 'upload',
      title: 'Tone',
      contentType: 'audio/wav',
      durationSeconds: 3,
      byteSize: 529_244,
      originalName: 'tone.wav',
      playable: false,
      createdAt: asset.createdAt,
      updatedAt: asset.updatedAt,
      version: 1,
      encoding: 'queued',
    });
  });

  it('says in words why an upload was refused', () => {
    const problem = (status: number, detail?: string) => new ApiError({ type: 'about:blank', title: 'Refused', status, detail });
    expect(uploadFailure(problem(415, 'The file is text/html'))).toBe(
      'This file is not audio Newsdesk can take (The file is text/html). Upload MP3, M4A/AAC, WAV, FLAC or OGG/Opus.',
    );
    expect(uploadFailure(problem(413, 'The limit is 1 GiB'))).toMatch(/^This file is too large to upload \(The limit is 1 GiB\)/);
    expect(uploadFailure(new TypeError('Failed to fetch'))).toMatch(/could not be reached/);
  });
});

describe('formatBytes', () => {
  it('shows sizes in decimal units, as file managers do', async () => {
    const { formatBytes } = await import('./upload');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1_764_044)).toBe('1.8 MB');
    expect(formatBytes(52_000_000)).toBe('52 MB');
    expect(formatBytes(1_073_741_824)).toBe('1.1 GB');
  });
});
