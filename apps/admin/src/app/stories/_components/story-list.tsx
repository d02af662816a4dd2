'use client';

import type { StoryPage, StoryStatus } from '@newsdesk/contracts';
import Link from 'next/link';
import { EmbargoBadge } from '@/components/embargo-badge';
import { LocalTime } from '@/components/local-time';
import { StatusBadge } from '@/components/status-badge';
import { browserApi } from '@/lib/api';
import { LoadMore, useLoadMore } from '@/lib/use-load-more';
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
  const list = useLoadMore(
    initialPage,
    (cursor) => browserApi.call('stories.list', { query: { status, q, tag, cursor, limit: pageSize } }),
    'stories',
  );
  const { items } = list;

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
              <td className="story-badges">
                <StatusBadge status={story.status} />
                <EmbargoBadge until={story.embargoUntil} />
              </td>
              <td className="nowrap">
                <LocalTime iso={story.updatedAt} />
              </td>
              <td className="nowrap">{story.publishedAt ? <LocalTime iso={story.publishedAt} /> : <span className="muted">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <LoadMore {...list} />
    </>
  );
}
