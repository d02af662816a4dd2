import { IdSchema, type Station } from '@newsdesk/contracts';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { isApiError } from '@/lib/api';
import { serverApi } from '@/lib/server-api';

/** The station a schedule URL names by call sign (any case); 404 when there is none. Cached per request. */
export const loadStation = cache(async (callSign: string): Promise<Station> => {
  const api = await serverApi();
  const { items } = await api.call('stations.list');
  const station = items.find((item) => item.callSign === decodeURIComponent(callSign).toUpperCase());
  if (!station) notFound();
  return station;
});

/** The rundown of the block a URL names; 404 for a malformed or unknown id. Cached per request. */
export const loadRundown = cache(async (segmentId: string) => {
  if (!IdSchema.safeParse(segmentId).success) notFound();
  try {
    return await (await serverApi()).call('segments.getRundown', { params: { id: segmentId } });
  } catch (error) {
    if (isApiError(error) && error.status === 404) notFound();
    throw error;
  }
});

/** The station and one of its blocks' rundown (the rundown, live, print and prompter pages); 404 when the block is another station's. */
export async function loadStationRundown(callSign: string, segmentId: string) {
  const station = await loadStation(callSign);
  const rundown = await loadRundown(segmentId);
  if (rundown.segment.stationId !== station.id) notFound();
  return { station, rundown };
}
