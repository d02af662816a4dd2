import { IdSchema, can } from '@newsdesk/contracts';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { isApiError } from '@/lib/api';
import { requireUser, serverApi } from '@/lib/server-api';
import { LiveView } from '../../../../_components/live-view';
import { StationHeader } from '../../../../_components/station-header';
import { loadStation } from '../../../../_lib/load';

type Params = Promise<{ callSign: string; segmentId: string }>;

export const metadata: Metadata = { title: 'Live' };

/** The live on-air view of one block. */
export default async function LivePage({ params }: { params: Params }) {
  const { callSign, segmentId } = await params;
  const user = await requireUser();
  const station = await loadStation(callSign);
  if (!IdSchema.safeParse(segmentId).success) notFound();
  let rundown;
  try {
    rundown = await (await serverApi()).call('segments.getRundown', { params: { id: segmentId } });
  } catch (error) {
    if (isApiError(error) && error.status === 404) notFound();
    throw error;
  }
  if (rundown.segment.stationId !== station.id) notFound();
  return (
    <>
      <StationHeader station={station} view="rundown" date={rundown.segment.startsAtLocal.slice(0, 10)} />
      <LiveView key={rundown.segmentId} station={station} rundown={rundown} canWrite={can(user.roles, 'schedule.write')} />
    </>
  );
}
