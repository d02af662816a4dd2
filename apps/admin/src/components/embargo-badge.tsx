'use client';

import { LocalTime } from '@/components/local-time';
import { useNow } from '@/lib/use-now';

/**
 * "Embargoed until …" (the instant in the reader's zone; UTC on hover). Shown while the embargo is
 * ahead (page clock), or `always` (the embargo control says what is recorded, past or not).
 */
export function EmbargoBadge({ until, always = false }: { until: string | null; always?: boolean }) {
  const now = useNow();
  if (!until) return null;
  const ahead = now === null || Date.parse(until) > now;
  if (!ahead && !always) return null;
  return (
    <span className="badge badge-embargo">
      {ahead ? 'Embargoed until ' : 'Embargo ended '}
      <LocalTime iso={until} />
    </span>
  );
}
