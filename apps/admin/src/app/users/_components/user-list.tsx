'use client';

import type { ListUsersQuery, StaffUserPage } from '@newsdesk/contracts';
import Link from 'next/link';
import { LocalTime } from '@/components/local-time';
import { ActiveBadge, RoleBadges } from '@/components/role-badges';
import { browserApi } from '@/lib/api';
import { LoadMore, useLoadMore } from '@/lib/use-load-more';

export type ActiveFilter = NonNullable<ListUsersQuery['active']>;

interface Props {
  initialPage: StaffUserPage;
  active: ActiveFilter | undefined;
  q: string | undefined;
  pageSize: number;
  currentUserId: string;
}

/** The staff table; "Load more" appends the next keyset page fetched through the proxy. */
export function UserList({ initialPage, active, q, pageSize, currentUserId }: Props) {
  const list = useLoadMore(
    initialPage,
    (cursor) => browserApi.call('users.list', { query: { active, q, cursor, limit: pageSize } }),
    'users',
  );
  const { items } = list;

  if (items.length === 0) {
    return <p className="empty">{active || q ? 'No users match this filter.' : 'No users yet.'}</p>;
  }

  return (
    <>
      <div className="table-scroll">
        <table className="data-table user-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Roles</th>
              <th scope="col">Status</th>
              <th scope="col">Password</th>
              <th scope="col">Added</th>
            </tr>
          </thead>
          <tbody>
            {items.map((user) => (
              <tr key={user.id} className={user.active ? undefined : 'row-inactive'}>
                <td className="user-name">
                  <Link href={`/users/${user.id}`}>{user.name}</Link>
                  {user.id === currentUserId ? <span className="muted"> (you)</span> : null}
                </td>
                <td className="user-email">{user.email}</td>
                <td>
                  <RoleBadges roles={user.roles} />
                </td>
                <td>
                  <ActiveBadge active={user.active} />
                </td>
                <td>{user.hasPassword ? 'Set' : <span className="muted">Not set yet</span>}</td>
                <td className="nowrap">
                  <LocalTime iso={user.createdAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <LoadMore {...list} />
    </>
  );
}
