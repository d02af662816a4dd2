import { ListUsersQuerySchema, can } from '@newsdesk/contracts';
import type { Metadata } from 'next';
import Form from 'next/form';
import Link from 'next/link';
import { NotAllowed } from '@/components/not-allowed';
import { redirectWhenSignedOut, requireUser, serverApi } from '@/lib/server-api';
import { UserList, type ActiveFilter } from './_components/user-list';

export const metadata: Metadata = { title: 'Users' };

const PAGE_SIZE = 25;

type SearchParams = Record<string, string | string[] | undefined>;

function single(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

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
  const page = await api.listUsers({ q, active, limit: PAGE_SIZE }).catch(async (error: unknown) => {
    await redirectWhenSignedOut(error);
    throw error;
  });

  return (
    <>
      <div className="page-header">
        <h1>Users</h1>
        <Link href="/users/new" className="button button-primary">
          Add user
        </Link>
      </div>

      <div className="filters">
        <nav aria-label="Filter by status">
          <ul className="tabs">
            {ACTIVE_TABS.map(({ value, label }) => (
              <li key={label}>
                <Link href={filterHref(value, q)} aria-current={value === active ? 'page' : undefined}>
                  {label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <Form action="/users" className="search" role="search">
          {active ? <input type="hidden" name="active" value={active} /> : null}
          <label htmlFor="user-search" className="visually-hidden">
            Search names and emails
          </label>
          <input id="user-search" name="q" type="search" defaultValue={q} placeholder="Search names and emails" />
          <button type="submit" className="button">
            Search
          </button>
        </Form>
      </div>

      <UserList key={`${active ?? ''}|${q ?? ''}`} initialPage={page} active={active} q={q} pageSize={PAGE_SIZE} currentUserId={user.id} />
    </>
  );
}
