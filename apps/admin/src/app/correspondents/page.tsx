import { can, type ListCorrespondentsQuery } from '@newsdesk/contracts';
import type { Metadata } from 'next';
import { ListHeader } from '@/components/list-header';
import { requireUser, serverApi } from '@/lib/server-api';
import { listTabHref, single, type SearchParams } from '@/lib/search-params';
import { CorrespondentList } from './_components/correspondent-list';

export const metadata: Metadata = { title: 'Correspondents' };

const PAGE_SIZE = 25;

/** The list's tabs, as filters of the API's list query. */
const TABS = [
  { key: 'all', label: 'All', filter: {} },
  { key: 'published', label: 'Published', filter: { status: 'published' } },
  { key: 'draft', label: 'Drafts', filter: { status: 'draft' } },
  { key: 'departed', label: 'Departed', filter: { active: 'false' } },
] as const satisfies ReadonlyArray<{ key: string; label: string; filter: Partial<ListCorrespondentsQuery> }>;

export default async function CorrespondentsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const tab = TABS.find((entry) => entry.key === single(params.show)) ?? TABS[0];
  const q = single(params.q)?.trim().slice(0, 200) || undefined;

  const user = await requireUser();
  const api = await serverApi();
  const filter: Partial<ListCorrespondentsQuery> = { ...tab.filter, q };
  const page = await api.call('correspondents.list', { query: { ...filter, limit: PAGE_SIZE } });

  return (
    <>
      <ListHeader
        title="Correspondents"
        create={can(user.roles, 'correspondent.write') ? { href: '/correspondents/new', label: 'New correspondent' } : undefined}
        tabsLabel="Filter correspondents"
        tabs={TABS.map((entry) => ({
          key: entry.key,
          label: entry.label,
          href: listTabHref('/correspondents', entry.key, q),
          current: entry.key === tab.key,
        }))}
        search={{
          action: '/correspondents',
          id: 'correspondent-search',
          label: 'Search correspondents',
          placeholder: 'Name, title or bureau',
          q,
          keep: { show: tab.key !== 'all' ? tab.key : undefined },
        }}
      />

      <CorrespondentList key={`${tab.key}|${q ?? ''}`} initialPage={page} filter={filter} pageSize={PAGE_SIZE} />
    </>
  );
}
