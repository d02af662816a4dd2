import { can, type ListPeopleQuery } from '@newsdesk/contracts';
import type { Metadata } from 'next';
import { ListHeader } from '@/components/list-header';
import { requireUser, serverApi } from '@/lib/server-api';
import { listTabHref, single, type SearchParams } from '@/lib/search-params';
import { PersonList } from './_components/person-list';

export const metadata: Metadata = { title: 'People' };

const PAGE_SIZE = 30;

const TABS = [
  { key: 'all', label: 'Everyone', staff: undefined },
  { key: 'newsmakers', label: 'Newsmakers', staff: 'false' },
  { key: 'staff', label: 'Staff', staff: 'true' },
] as const;

export default async function PeoplePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const tab = TABS.find((entry) => entry.key === single(params.show)) ?? TABS[0];
  const q = single(params.q)?.trim().slice(0, 200) || undefined;

  const user = await requireUser();
  const filter: Partial<ListPeopleQuery> = { q, staff: tab.staff };
  const page = await (await serverApi()).call('people.list', { query: { ...filter, limit: PAGE_SIZE } });

  return (
    <>
      <ListHeader
        title="People"
        create={can(user.roles, 'story.write') ? { href: '/people/new', label: 'New person' } : undefined}
        tabsLabel="Filter people"
        tabs={TABS.map((entry) => ({
          key: entry.key,
          label: entry.label,
          href: listTabHref('/people', entry.key, q),
          current: entry.key === tab.key,
        }))}
        search={{
          action: '/people',
          id: 'people-search',
          label: 'Search people',
          placeholder: 'Name or other spelling',
          q,
          keep: { show: tab.key !== 'all' ? tab.key : undefined },
        }}
      />
      {q ? <p className="field-hint">Best matches first: names starting with “{q}”, then family names, then other spellings.</p> : null}

      <PersonList key={`${tab.key}|${q ?? ''}`} initialPage={page} filter={filter} pageSize={PAGE_SIZE} />
    </>
  );
}
