import { ListUsersQuerySchema, can } from '@newsdesk/contracts';
import type { Metadata } from 'next';
import Link from 'next/link';
import { ListHeader } from '@/components/list-header';
import { NotAllowed } from '@/components/not-allowed';
import { requireUser, serverApi } from '@/lib/server-api';
import { single, type SearchParams } from '@/lib/search-params';
import { ThrottleNotice } from './_components/throttle-notice';
import { UserList, type ActiveFilter } from './_components/user-list';

export const metadata: Metadata = { title: 'Users' };

const PAGE_SIZE = 25;

const ACTIVE_TABS: readonly { value: ActiveFilter | undefined; label: string }[] = [
  { value: undefined, label: 'All' },
  { value: 'true', label: 'Active' },
  { value: 'false', label: 'Deactivated' },
];

function filterHref(active: ActiveFilter | undefined, q: string | undefined): string {
  const params = new URLSearchParams();
  if (active) params.set('active', active);
  if (q) params.set('q', q);
  const query = params.toString();
  return query ? `/users?${query}` : '/users';
}

export default async function UsersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireUser();
  if (!can(user.roles, 'user.manage')) return <NotAllowed section="Users" permission="user.manage" user={user} />;

  const params = await searchParams;
  const active = ListUsersQuerySchema.shape.active.safeParse(single(params.active)).data;
  const q = single(params.q)?.trim().slice(0, 200) || undefined;

  const api = await serverApi();
  const [page, throttles] = await Promise.all([
    api.call('users.list', { query: { q, active, limit: PAGE_SIZE } }),
    can(user.roles, 'throttle.manage') ? api.call('auth.listThrottles') : Promise.resolve({ items: [] }),
  ]);

  return (
    <>
      <ListHeader
        title="Users"
        create={{ href: '/users/new', label: 'Add user' }}
        tabsLabel="Filter by status"
        tabs={ACTIVE_TABS.map(({ value, label }) => ({ key: label, label, href: filterHref(value, q), current: value === active }))}
        search={{
          action: '/users',
          id: 'user-search',
          label: 'Search names and emails',
          placeholder: 'Search names and emails',
          q,
          keep: { active },
        }}
      />

      <ThrottleNotice items={throttles.items} />
      <p className="field-hint">
        <Link href="/users/throttling">Sign-in throttling</Link>: addresses and accounts refused or slowed down after failed sign-ins.
      </p>

      <UserList key={`${active ?? ''}|${q ?? ''}`} initialPage={page} active={active} q={q} pageSize={PAGE_SIZE} currentUserId={user.id} />
    </>
  );
}
