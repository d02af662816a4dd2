'use client';

import type { SpellingDeskPage, SpellingDeskStory } from '@newsdesk/contracts';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { LocalTime } from '@/components/local-time';
import { StatusBadge } from '@/components/status-badge';
import { browserApi } from '@/lib/api';
import { LoadMore, useLoadMore } from '@/lib/use-load-more';

interface Props {
  initialPage: SpellingDeskPage;
  program: string | null;
  programs: Array<{ id: string; name: string }>;
  pageSize: number;
}

const withId = (story: SpellingDeskStory) => ({ ...story, id: story.storyId });

/** The queue: each story with its unverified spellings in context, each linking to its turn in the editor. */
export function SpellingDesk({ initialPage, program, programs, pageSize }: Props) {
  const router = useRouter();
  const { items, hasMore, loading, error, loadMore } = useLoadMore(
    { items: initialPage.items.map(withId), nextCursor: initialPage.nextCursor },
    async (cursor) => {
      const next = await browserApi.call('transcripts.spellings', { query: { limit: pageSize, cursor, ...(program ? { program } : {}) } });
      return { items: next.items.map(withId), nextCursor: next.nextCursor };
    },
    'spellings',
  );

  return (
    <section className="panel" aria-labelledby="spellings-queue">
      <h2 id="spellings-queue">Unverified spellings</h2>
      {programs.length ? (
        <p>
          <label htmlFor="spellings-program">Program</label>{' '}
          <select
            id="spellings-program"
            value={program ?? ''}
            onChange={(event) => router.replace(event.target.value ? `/spellings?program=${event.target.value}` : '/spellings')}
          >
            <option value="">All programs</option>
            {programs.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </p>
      ) : null}
      {items.length ? (
        <ul className="desk-list" aria-label="Stories with unverified spellings">
          {items.map((story) => (
            <li key={story.storyId} className="desk-story">
              <Link href={`/stories/${story.storyId}`} className="desk-headline">
                {story.headline || '(no headline)'}
              </Link>
              <span className="desk-meta">
                {story.program ? `${story.program.name} · ` : ''}
                <LocalTime iso={story.updatedAt} /> · <StatusBadge status={story.status} />
              </span>
              <ul aria-label={`Unverified spellings of ${story.headline}`}>
                {story.spellings.map((span) => (
                  <li key={`${span.position}-${span.at}`}>
                    <Link
                      href={`/stories/${story.storyId}#turn-${span.position}`}
                      aria-label={`${span.spelling}, turn ${span.position + 1}`}
                    >
                      Turn {span.position + 1}
                      {span.label ? ` (${span.label})` : ''}
                    </Link>
                    : …{span.before}
                    <mark>{span.spelling}</mark> (ph){span.after}…
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No unverified spellings{program ? ' in this program' : ''}.</p>
      )}
      <LoadMore hasMore={hasMore} loading={loading} error={error} loadMore={() => void loadMore()} />
    </section>
  );
}
