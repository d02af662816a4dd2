'use client';

import { useEffect, useEffectEvent, useState } from 'react';
import { isSessionEnd } from './api';

const SEARCH_DELAY = 250;
const NONE: never[] = [];

/**
 * Search-as-you-type for the pickers: waits for a pause in typing, drops answers that arrive after
 * the query moved on, and reports a failure as `problem` (a 401 is left to the sign-in redirect).
 * An empty query (or `enabled` false) clears the results without asking.
 */
export function useSearch<T>(query: string, search: (q: string) => Promise<T[]>, failure: string, enabled = true) {
  const [results, setResults] = useState<T[]>([]);
  const [searching, setSearching] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const q = query.trim();
  // `search` and `failure` are fixed per picker: the query and `enabled` drive the effect.
  const find = useEffectEvent((text: string) => search(text));
  const fail = useEffectEvent(() => setProblem(failure));

  const active = enabled && q !== '';
  useEffect(() => {
    if (!active) return;
    let cancelled = false;
    const timer = setTimeout(async () => {
      setSearching(true);
      try {
        const found = await find(q);
        if (!cancelled) setResults(found);
      } catch (caught) {
        if (!cancelled && !isSessionEnd(caught)) fail();
      } finally {
        if (!cancelled) setSearching(false);
      }
    }, SEARCH_DELAY);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [q, active]);

  // Without a query nothing is asked, and nothing (not even an earlier answer) is shown.
  return { results: active ? results : NONE, setResults, searching: active && searching, problem, setProblem };
}
