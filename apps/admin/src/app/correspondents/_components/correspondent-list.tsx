'use client';

import type { CorrespondentPage, ListCorrespondentsQuery } from '@newsdesk/contracts';
import Link from 'next/link';
import { browserApi } from '@/lib/api';
import { LoadMore, useLoadMore } from '@/lib/use-load-more';
import { ProfileBadges } from './profile-badges';

interface Props {
  initialPage: CorrespondentPage;
  filter: Partial<ListCorrespondentsQuery>;
  pageSize: number;
}

/** The correspondents table; "Load more" appends the next keyset page. */
export function CorrespondentList({ initialPage, filter, pageSize }: Props) {
  const list = useLoadMore(
    initialPage,
    (cursor) => browserApi.call('correspondents.list', { query: { ...filter, cursor, limit: pageSize } }),
    'correspondents',
  );
  const { items } = list;

  if (items.length === 0) {
    return (
      <p className="empty">{Object.values(filter).some(Boolean) ? 'No correspondents match this filter.' : 'No correspondents yet.'}</p>
    );
  }

  return (
    <>
      <table className="story-table">
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Photo</span>
            </th>
            <th scope="col">Name</th>
            <th scope="col">Title</th>
            <th scope="col">Bureau</th>
            <th scope="col">Profile</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id}>
              <td>
                {/* eslint-disable-next-line @next/next/no-img-element -- the API serves the stored, already-sized image (immutable); next/image's optimizer would re-encode it in the admin server */}
                {item.photoUrl ? <img className="thumb" src={item.photoUrl} alt="" /> : <span className="thumb-empty" />}
              </td>
              <td className="story-headline">
                <Link href={`/correspondents/${item.id}`}>{item.name}</Link>
                <span className="story-slug">{item.slug}</span>
              </td>
              <td>{item.title || <span className="muted">—</span>}</td>
              <td>{item.bureau || <span className="muted">—</span>}</td>
              <td>
                <ProfileBadges status={item.status} active={item.active} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <LoadMore {...list} />
    </>
  );
}
