import type { Station } from '@newsdesk/contracts';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { serverApi } from '@/lib/server-api';

/** The station a schedule URL names by call sign (any case); 404 when there is none. Cached per request. */
export const loadStation = cache(async (callSign: string): Promise<Station> => {
  const api = await serverApi();
  const { items } = await api.call('stations.list');
  const station = items.find((item) => item.callSign === decodeURIComponent(callSign).toUpperCase());
  if (!station) notFound();
  return station;
});
