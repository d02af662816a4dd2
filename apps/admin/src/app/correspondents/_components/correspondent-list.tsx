'use client';

import type { CorrespondentPage, CorrespondentSummary, ListCorrespondentsQuery } from '@newsdesk/contracts';
import Link from 'next/link';
import { useState } from 'react';
import { browserApi, isApiError } from '@/lib/api';
import { ProfileBadges } from './profile-badges';

interface Props {
  initialPage: CorrespondentPage;
  filter: Partial<ListCorrespondentsQuery>;
  pageSize: number;
}

/** The correspondents table; "Load more" appends the next keyset page. */
export function CorrespondentList({ initialPage, filter, pageSize }: Props) {
  const [items, setItems] = useState<CorrespondentSummary[]>(initialPage.items);
  const [cursor, setCursor] = useState<string | null>(initialPage.nextCursor);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function loadMore() {
    if (!cursor) return;
    setLoading(true);
    setError(null);
    try {
      const next = await browserApi.listCorrespondents({ ...filter, cursor, limit: pageSize });
      setItems((current) => {
        const seen = new Set(current.map((item) => item.id));
        return [...current, ...next.items.filter((item) => !seen.has(item.id))];
      });
      setCursor(next.nextCursor);
    } catch (caught) {
      setError(isApiError(caught) ? `Could not load more: ${caught.problem.title}` : 'Could not load more correspondents.');
    } finally {
      setLoading(false);
    }
  }

  if (items.length === 0) {
    return <p className="empty">{Object.values(filter).some(Boolean) ? 'No correspondents match this filter.' : 'No correspondents yet.'}</p>;
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
