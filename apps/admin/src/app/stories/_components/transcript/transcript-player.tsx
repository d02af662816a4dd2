'use client';

import type { Ref } from 'react';

interface Props {
  assetId: string;
  title: string;
  audioRef: Ref<HTMLAudioElement>;
  /** The playback position, in ms, as the player reports it. */
  onTime: (ms: number) => void;
}

/**
 * The story's primary audio, for reading and editing the transcript along with it (issue 19 item
 * 5): staff playback through the /api proxy (Range requests pass, so the player seeks). The turn
 * being heard is highlighted in the list; a turn's time seeks here; Alt+T in a turn stamps the
 * current playback time as its start.
 */
export function TranscriptPlayer({ assetId, title, audioRef, onTime }: Props) {
  const report = (audio: HTMLAudioElement) => onTime(Math.round(audio.currentTime * 1000));
  return (
    <div className="transcript-player">
      <audio
        ref={audioRef}
        controls
        preload="metadata"
        src={`/api/audio/${assetId}/play`}
        aria-label={`Play the primary audio, ${title}`}
        onTimeUpdate={(event) => report(event.currentTarget)}
        onSeeked={(event) => report(event.currentTarget)}
      />
      <p className="field-hint">
        The turn being heard is highlighted. Click a turn’s time to hear it; Alt+T in a turn sets its start to the playback time.
      </p>
    </div>
  );
}

/** The turn being heard at `ms`: the latest-starting timed turn whose times contain it (overlapping speech: the newer voice). */
export function turnAt(turns: ReadonlyArray<{ startMs?: number | null; endMs?: number | null }>, ms: number): number | null {
  let found: number | null = null;
  turns.forEach((turn, i) => {
    if (typeof turn.startMs === 'number' && typeof turn.endMs === 'number' && turn.startMs <= ms && ms < turn.endMs) found = i;
  });
  return found;
}
