'use client';

import type { ListPeopleQuery, Person, PersonPage } from '@newsdesk/contracts';
import Link from 'next/link';
import { useState } from 'react';
import { browserApi, isApiError } from '@/lib/api';

interface Props {
  initialPage: PersonPage;
  filter: Partial<ListPeopleQuery>;
  pageSize: number;
}

/** The people table; "Load more" appends the next page (a search answers one ranked page). */
export function PersonList({ initialPage, filter, pageSize }: Props) {
  const [items, setItems] = useState<Person[]>(initialPage.items);
  const [cursor, setCursor] = useState<string | null>(initialPage.nextCursor);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function loadMore() {
    if (!cursor) return;
    setLoading(true);
    setError(null);
    try {
      const next = await browserApi.listPeople({ ...filter, cursor, limit: pageSize });
      setItems((current) => {
        const seen = new Set(current.map((item) => item.id));
        return [...current, ...next.items.filter((item) => !seen.has(item.id))];
      });
      setCursor(next.nextCursor);
    } catch (caught) {
      setError(isApiError(caught) ? `Could not load more: ${caught.problem.title}` : 'Could not load more people.');
    } finally {
      setLoading(false);
    }
  }

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
      {error ? (
        <p className="banner banner-error" role="alert">
          {error}
        </p>
      ) : null}
      {cursor ? (
        <p className="load-more">
          <button type="button" className="button" onClick={loadMore} disabled={loading}>
            {loading ? 'Loading…' : 'Load more'}
          </button>
        </p>
      ) : null}
    </>
  );
}
