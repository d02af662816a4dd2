import { pageSnippets } from '../stories/search-snippet.js';

/**
 * A row of the search statement, best first: the item's summary and rank, its snippet's text (null
 * for the look-ahead row, or when the story has no text), the page's cursor on row `limit`, and the
 * query's terms (`querytree(query)::text`).
 */
export interface SearchRow {
  slug: string;
  headline: string;
  teaser: string;
  dateline: string | null;
  published_at: string;
  rank: number;
  text: string | null;
  cursor: string | null;
  terms: string;
}

/**
 * The search page's JSON, `{ items, nextCursor }`, from the statement's rows (up to `limit` + 1:
 * one more tells there is a next page), with each item's `snippet` made in Node
 * (stories/search-snippet.ts: escaped, matches in <mark>) instead of ts_headline in PostgreSQL,
 * which cost 40% of a search's database time. An item's keys are in the order the page had when
 * PostgreSQL built it as jsonb (rank, slug, teaser, dateline, headline, publishedAt), then snippet.
 */
export function searchPage(rows: readonly SearchRow[], limit: number): string {
  const snippetOf = rows.length ? pageSnippets(rows[0]?.terms ?? '') : null;
  const items = rows.slice(0, limit).map((row) => ({
    rank: row.rank,
    slug: row.slug,
    teaser: row.teaser,
    dateline: row.dateline,
    headline: row.headline,
    publishedAt: row.published_at,
    snippet: row.text === null || !snippetOf ? null : snippetOf(row.text),
  }));
  const nextCursor = rows.length > limit ? (rows[limit - 1]?.cursor ?? null) : null;
  return JSON.stringify({ items, nextCursor });
}
