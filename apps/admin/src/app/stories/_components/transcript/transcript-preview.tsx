'use client';

import type { PublicTranscriptTurn } from '@newsdesk/contracts';
import { memo } from 'react';

/** One paragraph of the preview; re-rendered only when its own label or text changed (600-turn transcripts). */
const PreviewTurn = memo(
  function PreviewTurn({ turn }: { turn: PublicTranscriptTurn }) {
    return 'cue' in turn ? (
      <p className="preview-cue">({turn.cue})</p>
    ) : (
      <p>
        <strong>{turn.label}:</strong>
        {turn.annotation ? ` (${turn.annotation})` : ''}
        {turn.text ? ` ${turn.text}` : turn.annotation ? '.' : ''}
      </p>
    );
  },
  (before, after) =>
    'cue' in before.turn || 'cue' in after.turn
      ? 'cue' in before.turn && 'cue' in after.turn && before.turn.cue === after.turn.cue
      : before.turn.label === after.turn.label && before.turn.annotation === after.turn.annotation && before.turn.text === after.turn.text,
);

/** The transcript as readers will get it (same renderer as the public API), credit line last. */
export function TranscriptPreview({ turns, credit }: { turns: PublicTranscriptTurn[]; credit: string }) {
  return (
    <details className="transcript-preview" open>
      <summary>Broadcast preview</summary>
      <div aria-label="Transcript preview" role="region">
        {turns.map((turn, index) => (
          <PreviewTurn key={index} turn={turn} />
        ))}
        {credit.trim() ? <p className="preview-credit">{credit.trim()}</p> : null}
      </div>
    </details>
  );
}
