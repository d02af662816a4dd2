import { can } from '@newsdesk/contracts';
import type { Metadata } from 'next';
import Link from 'next/link';
import { requireUser, serverApi } from '@/lib/server-api';
import { DashboardSections } from './_components/dashboard-sections';
import { MentionsList } from './_components/mentions-list';

export const metadata: Metadata = { title: 'Desk' };

/** The editors' landing page: my drafts, the review queue, what is scheduled (with countdowns), what went out. */
export default async function DeskPage() {
  const user = await requireUser();
  const dashboard = await (await serverApi()).call('stories.dashboard');

  return (
    <>
      <div className="page-header">
        <h1>Desk</h1>
        {can(user.roles, 'story.write') ? (
          <Link href="/stories/new" className="button button-primary">
            New story
          </Link>
        ) : null}
      </div>
      <MentionsList />
      <DashboardSections dashboard={dashboard} />
    </>
  );
}
