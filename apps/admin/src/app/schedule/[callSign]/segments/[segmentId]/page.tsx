import { can } from '@newsdesk/contracts';
import type { Metadata } from 'next';
import { requireUser, serverApi } from '@/lib/server-api';
import { RundownEditor } from '../../../_components/rundown-editor';
import { StationHeader } from '../../../_components/station-header';
import { loadRundown, loadStationRundown } from '../../../_lib/load';

type Params = Promise<{ callSign: string; segmentId: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const rundown = await loadRundown((await params).segmentId);
  return { title: `Rundown: ${rundown.segment.title}` };
}

/** The rundown of one program block, timed live against its hard out. */
export default async function RundownPage({ params }: { params: Params }) {
  const { callSign, segmentId } = await params;
  const user = await requireUser();
  const { station, rundown } = await loadStationRundown(callSign, segmentId);
  const api = await serverApi();
  const [stories, staff] = await Promise.all([
    api.call('stories.list', { query: { limit: 100 } }),
    api.call('people.list', { query: { staff: 'true', limit: 100 } }),
  ]);
  return (
    <>
      <StationHeader station={station} view="rundown" date={rundown.segment.startsAtLocal.slice(0, 10)} />
      <RundownEditor
        key={rundown.segmentId}
        station={station}
        rundown={rundown}
        stories={stories.items}
        readers={staff.items}
        canWrite={can(user.roles, 'schedule.write')}
      />
    </>
  );
}
