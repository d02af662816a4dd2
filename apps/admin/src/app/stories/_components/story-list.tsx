'use client';

import type { StoryPage, StoryStatus, StorySummary } from '@newsdesk/contracts';
import Link from 'next/link';
import { useState } from 'react';
import { LocalTime } from '@/components/local-time';
import { StatusBadge } from '@/components/status-badge';
import { browserApi, isApiError, isSessionEnd } from '@/lib/api';
import { Snippet } from './snippet';

interface Props {
  initialPage: StoryPage;
  status: StoryStatus | undefined;
  q: string | undefined;
  tag?: string;
  pageSize: number;
}

/** The story table; "Load more" appends the next keyset page fetched through the proxy. */
export function StoryList({ initialPage, status, q, tag, pageSize }: Props) {
  const [items, setItems] = useState<StorySummary[]>(initialPage.items);
  const [cursor, setCursor] = useState<string | null>(initialPage.nextCursor);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function loadMore() {
    if (!cursor) return;
    setLoading(true);
    setError(null);
    try {
      const next = await browserApi.listStories({ status, q, tag, cursor, limit: pageSize });
      setItems((current) => {
        const seen = new Set(current.map((story) => story.id));
        return [...current, ...next.items.filter((story) => !seen.has(story.id))];
      });
      setCursor(next.nextCursor);
    } catch (caught) {
      if (isSessionEnd(caught)) return; // on the way to /login
      setError(isApiError(caught) ? `Could not load more stories: ${caught.problem.title}` : 'Could not load more stories.');
    } finally {
      setLoading(false);
    }
  }

  if (items.length === 0) {
    return <p className="empty">{status || q || tag ? 'No stories match this filter.' : 'No stories yet.'}</p>;
  }

  return (
    <>
      <table className="story-table">
        <thead>
          <tr>
            <th scope="col">Headline</th>
            <th scope="col">Status</th>
            <th scope="col">Updated</th>
            <th scope="col">Published</th>
          </tr>
        </thead>
        <tbody>
          {items.map((story) => (
            <tr key={story.id}>
              <td className="story-headline">
                <Link href={`/stories/${story.id}`}>{story.headline}</Link>
                <span className="story-slug">{story.slug}</span>
                {story.snippet ? <Snippet html={story.snippet} /> : null}
              </td>
              <td>
                <StatusBadge status={story.status} />
              </td>
              <td className="nowrap">
                <LocalTime iso={story.updatedAt} />
              </td>
              <td className="nowrap">{story.publishedAt ? <LocalTime iso={story.publishedAt} /> : <span className="muted">—</span>}</td>
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
