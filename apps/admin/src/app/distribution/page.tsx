import { can } from '@newsdesk/contracts';
import type { Metadata } from 'next';
import { NotAllowed } from '@/components/not-allowed';
import { requireUser, serverApi } from '@/lib/server-api';
import { DestinationSettings } from './_components/destination-settings';
import { FailedDeliveries } from './_components/failed-deliveries';

export const metadata: Metadata = { title: 'Distribution' };

/** The desk view of failed deliveries across stories; for admins, the CDS settings and the destinations. */
export default async function DistributionPage() {
  const user = await requireUser();
  if (!can(user.roles, 'story.read')) return <NotAllowed section="distribution" permission="story.read" user={user} />;
  const api = await serverApi();
  const admin = can(user.roles, 'distribution.manage');
  const [failed, settings, destinations] = await Promise.all([
    api.call('distribution.failed', { query: { limit: 100 } }),
    admin ? api.call('distribution.settings') : null,
    admin ? api.call('distribution.destinations') : null,
  ]);
  return (
    <>
      <div className="page-header">
        <h1>Distribution</h1>
      </div>
      <FailedDeliveries initial={failed} canResend={can(user.roles, 'story.publish')} />
      {settings && destinations ? <DestinationSettings settings={settings} destinations={destinations.items} /> : null}
    </>
  );
}
