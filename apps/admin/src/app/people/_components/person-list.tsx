'use client';

import type { ListPeopleQuery, PersonPage } from '@newsdesk/contracts';
import Link from 'next/link';
import { browserApi } from '@/lib/api';
import { LoadMore, useLoadMore } from '@/lib/use-load-more';

interface Props {
  initialPage: PersonPage;
  filter: Partial<ListPeopleQuery>;
  pageSize: number;
}

/** The people table; "Load more" appends the next page (a search answers one ranked page). */
export function PersonList({ initialPage, filter, pageSize }: Props) {
  const list = useLoadMore(
    initialPage,
    (cursor) => browserApi.call('people.list', { query: { ...filter, cursor, limit: pageSize } }),
    'people',
  );
  const { items } = list;

  if (items.length === 0) return <p className="empty">{filter.q ? 'Nobody matches this search.' : 'No people yet.'}</p>;

  return (
    <>
      <table className="story-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Title</th>
            <th scope="col">Who they are</th>
            <th scope="col">Other spellings</th>
          </tr>
        </thead>
        <tbody>
          {items.map((person) => (
            <tr key={person.id}>
              <td className="story-headline">
                <Link href={`/people/${person.id}`}>{person.displayName}</Link>
                <span className="story-slug">
                  {person.familyName}
                  {person.isStaff ? <span className="badge badge-staff">Staff</span> : null}
                </span>
              </td>
              <td>{person.labelTitle ?? <span className="muted">—</span>}</td>
              <td>{person.affiliation || <span className="muted">—</span>}</td>
              <td>{person.aliases.length ? person.aliases.join(', ') : <span className="muted">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <LoadMore {...list} />
    </>
  );
}
