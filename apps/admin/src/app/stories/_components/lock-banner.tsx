'use client';

import type { StoryLock } from '@newsdesk/contracts';
import { useState } from 'react';

const clock = (iso: string) => new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });

interface Props {
  /** Another tab holds the story's lock. */
  heldBy: StoryLock | null;
  /** Another tab took the lock from this one. */
  lostTo: StoryLock | null;
  /** Whether this tab had unsaved edits when it lost the lock (they are kept). */
  canWrite: boolean;
  onTakeOver: () => Promise<void>;
}

/**
 * The soft lock, as others see it ("Maria Lopez is editing since 10:42", with Take over) and as the
 * tab that lost it sees it. A courtesy: saving stays possible, and a stale save gets the conflict.
 */
export function LockBanner({ heldBy, lostTo, canWrite, onTakeOver }: Props) {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  if (lostTo) {
    return (
      <div className="banner banner-warning lock-banner" role="alert">
        <p className="banner-title">
          {lostTo.name} took over editing at {clock(lostTo.since)}.
        </p>
        <p>Your unsaved edits are kept in this tab: reload the story to get the latest version, then restore them.</p>
      </div>
    );
  }
  if (!heldBy) return null;
  return (
    <div className="banner banner-info lock-banner" role="status">
      <p className="banner-title">
        {heldBy.name} is editing since {clock(heldBy.since)}
      </p>
      {canWrite ? (
        <div className="actions">
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => {
              setBusy(true);
              setFailed(false);
              onTakeOver()
                .catch(() => setFailed(true))
                .finally(() => setBusy(false));
            }}
          >
            Take over
          </button>
          {failed ? <span className="field-error">The lock could not be taken over; try again.</span> : null}
        </div>
      ) : null}
    </div>
  );
}
