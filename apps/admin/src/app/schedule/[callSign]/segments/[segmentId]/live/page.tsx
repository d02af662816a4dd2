import { can } from '@newsdesk/contracts';
import type { Metadata } from 'next';
import { requireUser } from '@/lib/server-api';
import { LiveView } from '../../../../_components/live-view';
import { StationHeader } from '../../../../_components/station-header';
import { loadStationRundown } from '../../../../_lib/load';

type Params = Promise<{ callSign: string; segmentId: string }>;

export const metadata: Metadata = { title: 'Live' };

/** The live on-air view of one block. */
export default async function LivePage({ params }: { params: Params }) {
  const { callSign, segmentId } = await params;
  const user = await requireUser();
  const { station, rundown } = await loadStationRundown(callSign, segmentId);
  return (
    <>
      <StationHeader station={station} view="rundown" date={rundown.segment.startsAtLocal.slice(0, 10)} />
      <LiveView key={rundown.segmentId} station={station} rundown={rundown} canWrite={can(user.roles, 'schedule.write')} />
    </>
  );
}
