import type { Station } from '@newsdesk/contracts';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { redirectWhenSignedOut, serverApi } from '@/lib/server-api';

/** Runs a server-side API call; a 401 sends the visitor to sign in. */
export async function load<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    await redirectWhenSignedOut(error);
    throw error;
  }
}

/** The station a schedule URL names by call sign (any case); 404 when there is none. Cached per request. */
export const loadStation = cache(async (callSign: string): Promise<Station> => {
  const api = await serverApi();
  const { items } = await load(api.listStations());
  const station = items.find((item) => item.callSign === decodeURIComponent(callSign).toUpperCase());
  if (!station) notFound();
  return station;
});
