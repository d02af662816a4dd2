'use client';

import { LocalTime } from '@/components/local-time';

/** Offers back the edits kept when the session ended mid-edit (see unsaved-edits.ts). */
export function KeptEditsBanner({
  keptAt,
  reason = 'session',
  onRestore,
  onDiscard,
}: {
  keptAt: string;
  reason?: 'session' | 'lock';
  onRestore: () => void;
  onDiscard: () => void;
}) {
  return (
    <div className="banner banner-warning" role="alert">
      <p className="banner-title">You have edits that were not saved.</p>
      <p>
        {reason === 'lock' ? 'Another editor took over the story before you saved them' : 'Your session ended before you could save them'} (
        <LocalTime iso={keptAt} />
        ). Put them back into the form, check them, then save.
      </p>
      <div className="actions">
        <button type="button" className="button" onClick={onRestore}>
          Restore my edits
        </button>
        <button type="button" className="button button-quiet" onClick={onDiscard}>
          Discard them
        </button>
      </div>
    </div>
  );
}
