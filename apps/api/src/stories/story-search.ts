/**
 * Search snippets are made in Node from the fetched text (search-snippet.ts, issue #16); they were
 * `ts_headline` here, escaped in SQL, which cost 40% of a search's PostgreSQL time.
 */

/** How many of a search's matches are ranked on their full search vector (see rankedMatches). */
export const RANKED_MATCHES = 200;

/**
 * SQL for the ranked matches (`id`, `rank`) of a full-text search, shared by the staff list and the
 * public search. `tsquery` is the query expression, `where` the caller's other conditions on `s`,
 * `recency` the column that breaks ties between equally good headline matches.
 *
 * Ranking takes two steps so that a common word's thousands of matches do not each cost a read of
 * their full vector (`search`: headline A, teaser B, body C, transcript D; ~3 KB, stored out of
 * line): every match found by the GIN index is ordered by its headline-and-teaser rank
 * (`search_head`, a small vector kept in the row) and then by recency, and only the first
 * RANKED_MATCHES of them are ranked with `ts_rank_cd` on the full vector. A query with fewer
 * matches than that is ranked exactly; for a common word, the stories with it in the headline or
 * teaser come first, then the newest with it in the body or transcript.
 */
export function rankedMatches(tsquery: string, where: string, recency: string): string {
  return `SELECT m.id, ts_rank_cd(s.search, ${tsquery})::real AS rank
            FROM (SELECT s.id FROM stories s
                   WHERE s.search @@ ${tsquery}${where ? ` AND ${where}` : ''}
                   ORDER BY ts_rank_cd(s.search_head, ${tsquery}) DESC, ${recency} DESC NULLS LAST, s.id DESC
                   LIMIT ${RANKED_MATCHES}) m
            JOIN stories s ON s.id = m.id`;
}
