'use client';

import { useSyncExternalStore } from 'react';
import { formatLocal, formatUtc } from '@/lib/format';

const subscribe = () => () => {};

/** An instant, shown in UTC on the server and in the reader's time zone once hydrated. */
export function LocalTime({ iso }: { iso: string }) {
  const hydrated = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  return (
    <time dateTime={iso} title={formatUtc(iso)}>
      {hydrated ? formatLocal(iso) : formatUtc(iso)}
    </time>
  );
}
