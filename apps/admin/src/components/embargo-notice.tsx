'use client';

import { useSyncExternalStore } from 'react';
import { formatUtc } from '@/lib/format';
import { browserTimeZone } from '@/lib/time-zones';

const noop = () => () => {};

/** The instant in `zone`, with the zone's name and its offset then ("24 Dec 2026, 09:00 CET"). */
function inZone(iso: string, zone: string): string {
  return new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: zone, timeZoneName: 'short' });
}

/**
 * "EMBARGOED — not for publication before …" at the top of a preview: the instant in UTC (as the
 * server renders it) and, once in the browser, in the reader's own time zone, named.
 */
export function EmbargoNotice({ until, ended }: { until: string; ended: boolean }) {
  const zone = useSyncExternalStore(noop, browserTimeZone, () => null);
  const local = zone && zone !== 'UTC' ? `${inZone(until, zone)} (${zone})` : null;
  const when = (
    <>
      <time dateTime={until}>{formatUtc(until)}</time>
      {local ? <> = {local}</> : null}
    </>
  );
  if (ended)
    return (
      <div className="banner banner-info reader-preview-embargo" role="status" aria-label="Embargo">
        <p className="banner-title">Embargo ended {when}</p>
      </div>
    );
  return (
    <div className="banner banner-error reader-preview-embargo" role="alert" aria-label="Embargo">
      <p className="banner-title">EMBARGOED — not for publication before {when}</p>
      <p>Readers cannot see this story before then. Do not publish, broadcast or share its content until the embargo ends.</p>
    </div>
  );
}
