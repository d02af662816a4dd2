'use client';

import type { Tag } from '@newsdesk/contracts';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { browserApi, isSessionEnd } from '@/lib/api';

interface Props {
  /** The tag the list is filtered by now, if any. */
  current: Pick<Tag, 'id' | 'name' | 'type'> | null;
  /** The list's URL with the other filters and no tag. */
  baseHref: string;
}

/** Filters the story list by one tag: find it by name or alias, or clear the filter. */
export function TagFilter({ current, baseHref }: Props) {
  const router = useRouter();
  const [query, setQuery] = useState('');
  const [found, setResults] = useState<Tag[]>([]);
  const trimmed = query.trim();
  // Without a query nothing is asked, and no earlier answer is shown.
  const results = trimmed ? found : [];

  useEffect(() => {
    if (!trimmed) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      browserApi
        .call('tags.list', { query: { q: trimmed, limit: 8 } })
        .then((page) => !cancelled && setResults(page.items))
        .catch((caught: unknown) => !cancelled && !isSessionEnd(caught) && setResults([]));
    }, 250);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [trimmed]);

  const go = (id: string) => router.push(`${baseHref}${baseHref.includes('?') ? '&' : '?'}tag=${encodeURIComponent(id)}`);

  if (current) {
    return (
      <div className="tag-filter">
        <span className="label">Tag</span>
        <span className={`chip chip-${current.type}`}>
          {current.name}
          <Link href={baseHref} className="chip-remove" aria-label={`Clear the tag filter ${current.name}`}>
            ×
          </Link>
        </span>
      </div>
    );
  }

  return (
    <div className="tag-filter">
      <label htmlFor="story-tag-filter" className="label">
        Tag
      </label>
      <input
        id="story-tag-filter"
        type="search"
        autoComplete="off"
        placeholder="Filter by tag"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && results[0]) {
            event.preventDefault();
            go(results[0].id);
          }
        }}
      />
      {results.length ? (
        <ul className="chips tag-filter-results">
          {results.map((tag) => (
            <li key={tag.id}>
              <button type="button" className="chip chip-add" onClick={() => go(tag.id)}>
                {tag.name} <span className="chip-type">{tag.type}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
