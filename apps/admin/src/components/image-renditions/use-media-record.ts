'use client';

import type { Media } from '@newsdesk/contracts';
import { useEffect, useState } from 'react';
import { browserApi } from '@/lib/api';

/** How often the record is read again while its renditions are being made. */
const POLL_MS = 1000;

/**
 * An image record kept current: while its renditions are pending or encoding it is read again
 * every second (progress), and stops once they are ready or failed. `set` takes a record the
 * page got from a save.
 */
export function useMediaRecord(initial: Media, onChange?: (media: Media) => void): [Media, (media: Media) => void] {
  const [media, setMedia] = useState(initial);
  const [seen, setSeen] = useState(initial);
  // A different record (or a newer save) from the parent replaces ours.
  if (initial !== seen) {
    setSeen(initial);
    setMedia(initial);
  }
  const busy = media.renditions.state === 'pending' || media.renditions.state === 'encoding';
  useEffect(() => {
    if (!busy) return;
    let stopped = false;
    const timer = setTimeout(async () => {
      try {
        const next = await browserApi.call('media.record', { params: { id: media.id } });
        if (!stopped) {
          setMedia(next);
          onChange?.(next);
        }
      } catch {
        // A failed poll is retried by the next render's timer.
        if (!stopped) setMedia((current) => ({ ...current }));
      }
    }, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [busy, media, onChange]);
  const set = (next: Media) => {
    setMedia(next);
    onChange?.(next);
  };
  return [media, set];
}
