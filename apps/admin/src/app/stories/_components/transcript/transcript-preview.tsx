'use client';

import type { PublicTranscriptTurn } from '@newsdesk/contracts';

/** The transcript as readers will get it (same renderer as the public API), credit line last. */
export function TranscriptPreview({ turns, credit }: { turns: PublicTranscriptTurn[]; credit: string }) {
  return (
    <details className="transcript-preview" open>
      <summary>Broadcast preview</summary>
      <div aria-label="Transcript preview" role="region">
        {turns.map((turn, index) =>
          'cue' in turn ? (
            <p key={index} className="preview-cue">
              ({turn.cue})
            </p>
          ) : (
            <p key={index}>
              <strong>{turn.label}:</strong>
              {turn.annotation ? ` (${turn.annotation})` : ''}
              {turn.text ? ` ${turn.text}` : turn.annotation ? '.' : ''}
            </p>
          ),
        )}
        {credit.trim() ? <p className="preview-credit">{credit.trim()}</p> : null}
      </div>
    </details>
  );
}
