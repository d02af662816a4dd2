import snowball from 'snowball-stemmers';

/**
 * Search snippets computed in Node from the text the search statement already returns (issue #16),
 * instead of `ts_headline` in PostgreSQL: ts_headline parsed and stemmed every row's whole text (up
 * to 30,000 characters) for 20 rows per page, 40% of a search's PostgreSQL time, on the one
 * resource all requests share.
 *
 * What stays as it was (and is tested, test/search-snippets.e2e-spec.ts and test/public-outputs):
 * the snippet is HTML-escaped text (&, <, >, " and ' as entities) whose only markup is
 * <mark>…</mark> around matched words; the private-use characters U+E000/U+E001 never come out;
 * up to two fragments of at most 25 words, joined by " ... "; no match found: the first 25 words.
 *
 * Which words are marked: those whose Snowball English stem (the `snowball-stemmers` port of the
 * algorithm PostgreSQL's `english_stem` dictionary runs; the same stem for all 27,000 distinct
 * words of the project's own text and 20,000 random ones, checked against `ts_lexize`) is one of
 * the query's lexemes (the tsquery's terms, from `querytree`, so negated words are not marked), or
 * whose lower-cased form is (a word with digits is not stemmed by the english configuration).
 * Ranking and matching stay PostgreSQL's; the highlighting marks what it matched.
 */

const SENTINELS = /[\uE000\uE001]/g;
/** A word, as the snippet counts and marks them: a run of letters, digits and combining marks. */
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const MAX_WORDS = 25;
const MAX_FRAGMENTS = 2;
/** Words shown before a fragment's first match. */
const LEAD = 4;

const ENGLISH = snowball.newStemmer('english');

/** The lexemes of a tsquery's text (`querytree(query)::text`: `'wildfir' & 'smoke' | 'maria' <-> 'garcia'`). */
export function queryLexemes(tsquery: string): string[] {
  const lexemes = new Set<string>();
  for (const match of tsquery.matchAll(/'((?:[^']|'')*)'/g)) lexemes.add((match[1] ?? '').replace(/''/g, "'"));
  return [...lexemes];
}

/**
 * Stems by lower-cased word, for every search of the process: stemming is a pure function and a
 * page reads the same few thousand words again and again (the stemmer was a fifth of the API's
 * CPU per search under load, issue #16). Emptied when it reaches STEM_CACHE_MAX words.
 */
const STEMS = new Map<string, string>();
const STEM_CACHE_MAX = 50_000;

/** The english stem of a lower-cased word (Snowball English, as PostgreSQL's `english_stem`). */
export function englishStem(lower: string): string {
  let stem = STEMS.get(lower);
  if (stem === undefined) {
    stem = ENGLISH.stem(lower);
    if (STEMS.size >= STEM_CACHE_MAX) STEMS.clear();
    STEMS.set(lower, stem);
  }
  return stem;
}

/** A matcher of words against the query's lexemes, remembering its answers (a page asks about the same words often). */
export function wordMatcher(lexemes: readonly string[]): (word: string) => boolean {
  const wanted = new Set(lexemes);
  const known = new Map<string, boolean>();
  const initials = new Set(lexemes.map((l) => l.slice(0, 1)));
  return (word) => {
    const lower = word.toLowerCase();
    // A stem starts with its word's first letter (the y of "yellow" included).
    if (!initials.has(lower.charAt(0))) return false;
    let answer = known.get(lower);
    if (answer === undefined) {
      // A word with digits is a `numword` to PostgreSQL's parser, which the english configuration
      // leaves unstemmed (the `simple` dictionary): its lexeme is the word itself.
      answer = wanted.has(lower) || wanted.has(englishStem(lower));
      known.set(lower, answer);
    }
    return answer;
  };
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** HTML-escapes text: &, <, >, " and ' (as the story body's text is escaped). */
const SPECIAL = /[&<>"']/;
export function escapeHtml(text: string): string {
  return SPECIAL.test(text) ? text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c) : text;
}

/**
 * Where a lexeme's words can start in lower-cased text: the lexeme less its last two letters (one
 * letter for a lexeme of three or fewer), since the stemmer may have changed or added those
 * (happy -> happi, hoping -> hope, possibility -> possibl, dying -> die).
 */
const stemPrefix = (lexeme: string) => (lexeme.length <= 3 ? lexeme.slice(0, 1) : lexeme.slice(0, -2));
/** How far before a possible match reading starts again after a skip (enough for the LEAD words). */
const BACK = 160;

/** One letter, digit or combining mark (a character of a WORD). */
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
/** The punctuation right after a fragment's last word (a full stop, a closing bracket), not the space. */
const TRAILING = /^[^\s\p{L}\p{N}\p{M}]*/u;

/**
 * The snippet of `text` for `lexemes`: escaped, matches in <mark>, up to two fragments of up to 25
 * words around the first matches (the second after the first ends), joined by " ... "; without a
 * match, the first 25 words. The text is not read word by word between matches: it skips to the
 * next place where a lexeme's stem occurs (a plain search in the lower-cased text) and reads from a
 * little before it, so a 30,000-character transcript with a match at its end costs a few searches.
 * `matches` (wordMatcher of the same lexemes) may be shared by the snippets of one page.
 */
export function snippet(text: string, lexemes: readonly string[], matches = wordMatcher(lexemes)): string {
  const clean = text.indexOf('\uE000') < 0 && text.indexOf('\uE001') < 0 ? text : text.replace(SENTINELS, '');
  const lower = clean.toLowerCase();
  // Offsets are shared by `lower` and `clean` only when lower-casing kept every length (nearly always).
  const canSkip = lower.length === clean.length && lexemes.length > 0;
  const prefixes = [...new Set(lexemes.map(stemPrefix))].filter(Boolean);
  // Each prefix's first place at or after the last search's start (-1: none left); searched again only once passed.
  const found = prefixes.map(() => -2);
  const nextCandidate = (from: number) => {
    let best = -1;
    prefixes.forEach((prefix, i) => {
      let at = found[i] ?? -2;
      if (at === -2 || (at >= 0 && at < from)) found[i] = at = lower.indexOf(prefix, from);
      if (at >= 0 && (best < 0 || at < best)) best = at;
    });
    return best;
  };
  // Words as start, end and matched (parallel arrays); a fragment never starts before `floor` (the first word read after a skip).
  const starts: number[] = [];
  const ends: number[] = [];
  const marked: boolean[] = [];
  const fragments: Array<[number, number]> = [];
  let open: [number, number] | null = null;
  let floor = 0;
  WORD.lastIndex = 0;
  for (;;) {
    if (!open && canSkip) {
      // Skip ahead to a little before the next place a match can be.
      const candidate = nextCandidate(WORD.lastIndex);
      if (candidate < 0) break;
      let from = Math.max(WORD.lastIndex, candidate - BACK);
      if (from > WORD.lastIndex) {
        // Start at a word's beginning: move to the end of the word `from` falls in.
        while (from < candidate && WORD_CHAR.test(clean[from - 1] ?? '')) from++;
        WORD.lastIndex = from;
        floor = starts.length;
      }
    }
    const m = WORD.exec(clean);
    if (!m) break;
    const index = starts.length;
    const matched = matches(m[0]);
    starts.push(m.index);
    ends.push(m.index + m[0].length);
    marked.push(matched);
    if (open) {
      if (index - open[0] + 1 >= MAX_WORDS) {
        open[1] = index;
        fragments.push(open);
        open = null;
        if (fragments.length === MAX_FRAGMENTS) break;
      }
    } else if (matched) {
      const previousEnd = fragments.at(-1)?.[1] ?? -1;
      open = [Math.max(previousEnd + 1, floor, index - LEAD), index];
    }
  }
  if (open) {
    open[1] = starts.length - 1;
    fragments.push(open);
  }
  if (!fragments.length) {
    // No match: the first 25 words.
    starts.length = ends.length = marked.length = 0;
    WORD.lastIndex = 0;
    for (let m = WORD.exec(clean); m && starts.length < MAX_WORDS; m = WORD.exec(clean)) {
      starts.push(m.index);
      ends.push(m.index + m[0].length);
      marked.push(false);
    }
    if (!starts.length) return '';
    fragments.push([0, starts.length - 1]);
  }
  let html = '';
  for (const [f, [first, last]] of fragments.entries()) {
    if (f > 0) html += ' ... ';
    let at = starts[first] ?? 0;
    for (let w = first; w <= last; w++) {
      const start = starts[w] ?? at;
      const end = ends[w] ?? start;
      html += escapeHtml(clean.slice(at, start));
      const word = escapeHtml(clean.slice(start, end));
      html += marked[w] ? `<mark>${word}</mark>` : word;
      at = end;
    }
    html += escapeHtml(TRAILING.exec(clean.slice(at, at + 20))?.[0] ?? '');
  }
  return html;
}

/**
 * The snippet maker of one search page: the query's lexemes read once from its tsquery text
 * (`querytree(query)::text`) and one word matcher for every item of the page.
 */
export function pageSnippets(tsquery: string): (text: string) => string {
  const lexemes = queryLexemes(tsquery);
  const matches = wordMatcher(lexemes);
  return (text) => snippet(text, lexemes, matches);
}

/** The snippet of `text` for a tsquery's text (`querytree(query)::text`). */
export function searchSnippet(text: string, tsquery: string): string {
  return snippet(text, queryLexemes(tsquery));
}
