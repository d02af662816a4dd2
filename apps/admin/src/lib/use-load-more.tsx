'use client';

import { useState } from 'react';
import { isApiError, isSessionEnd } from './api';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A keyset-paged list that starts with the server-rendered first page and appends the next one
 * on "Load more" (rows already shown are not repeated). `what` names the rows in error messages.
 */
export function useLoadMore<T extends { id: string }>(initialPage: Page<T>, fetchPage: (cursor: string) => Promise<Page<T>>, what: string) {
  const [items, setItems] = useState<T[]>(initialPage.items);
  const [cursor, setCursor] = useState<string | null>(initialPage.nextCursor);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function loadMore() {
    if (!cursor) return;
    setLoading(true);
    setError(null);
    try {
      const next = await fetchPage(cursor);
      setItems((current) => {
        const seen = new Set(current.map((item) => item.id));
        return [...current, ...next.items.filter((item) => !seen.has(item.id))];
      });
      setCursor(next.nextCursor);
    } catch (caught) {
      if (isSessionEnd(caught)) return; // on the way to /login
      setError(isApiError(caught) ? `Could not load more ${what}: ${caught.problem.title}` : `Could not load more ${what}.`);
    } finally {
      setLoading(false);
    }
  }

  return { items, setItems, hasMore: cursor !== null, loading, error, loadMore };
}

/** The error banner and the "Load more" button under a paged list. */
export function LoadMore({
  hasMore,
  loading,
  error,
  loadMore,
}: {
  hasMore: boolean;
  loading: boolean;
  error: string | null;
  loadMore: () => void;
}) {
  return (
    <>
      {error ? (
        <p className="banner banner-error" role="alert">
          {error}
        </p>
      ) : null}
      {hasMore ? (
        <p className="load-more">
          <button type="button" className="button" onClick={loadMore} disabled={loading}>
            {loading ? 'Loading…' : 'Load more'}
          </button>
        </p>
      ) : null}
    </>
  );
}
