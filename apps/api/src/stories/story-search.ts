/**
 * Where ts_headline marks a match: two private-use characters, removed from the text beforehand so
 * that they cannot occur in it, and turned into <mark> / </mark> only after the text is escaped.
 */
const START = 'chr(57344)';
const STOP = 'chr(57345)';

/** `ts_headline` options of search snippets (staff and public): two fragments, the words between the sentinels. */
const SNIPPET_OPTIONS = `'StartSel=' || ${START} || ',StopSel=' || ${STOP} || ',MaxFragments=2,MaxWords=25,MinWords=10'`;

/** SQL that HTML-escapes a text expression (&, <, >, " and '), as the story body's text is escaped. */
export function htmlEscapeSql(text: string): string {
  return `replace(replace(replace(replace(replace(${text}, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;')`;
}

/**
 * SQL for a search snippet (staff and public search share it): the best fragments of `text` for
 * `tsquery`, as HTML-escaped text in which the only markup is <mark>…</mark> around the matches.
 * ts_headline works on the raw text and copies whatever it holds (a published headline like
 * `<img src=x onerror=…>` came back raw next to the <mark>s: stored XSS); so it marks matches with
 * sentinels that cannot occur in the text, its output is escaped, and the sentinels become tags last.
 */
export function snippetSql(text: string, tsquery: string): string {
  const headline = `ts_headline('english', translate(${text}, ${START} || ${STOP}, ''), ${tsquery}, ${SNIPPET_OPTIONS})`;
  return `replace(replace(${htmlEscapeSql(headline)}, ${START}, '<mark>'), ${STOP}, '</mark>')`;
}

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
