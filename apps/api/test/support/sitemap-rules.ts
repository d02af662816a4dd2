import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * The rules of the sitemap protocol (https://www.sitemaps.org/protocol.html, schema sitemap 0.9)
 * and of Google's News sitemaps (https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap),
 * written for these tests from those pages, checked on the text a crawler gets, read back by a real
 * XML parser (fast-xml-parser). Each check returns the broken rules (empty: all kept).
 */
export const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
export const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9';
/** sitemaps.org: "no larger than 50MB (52,428,800 bytes)" uncompressed; "no more than 50,000 URLs". */
export const MAX_BYTES = 52_428_800;
export const MAX_URLS = 50_000;
/** Google News: "You can add up to 1,000 <url> elements in a News sitemap". */
export const NEWS_MAX_URLS = 1_000;
/** Google News: only "articles that were created in the last two days". */
export const NEWS_WINDOW_MS = 48 * 3_600_000;

/**
 * W3C Datetime (https://www.w3.org/TR/NOTE-datetime), the format sitemaps' lastmod and News'
 * publication_date take: YYYY, YYYY-MM, YYYY-MM-DD, or a date with hh:mm, hh:mm:ss or hh:mm:ss.s
 * and a time zone designator (Z or +hh:mm / -hh:mm).
 */
export const W3C_DATETIME =
  /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d))?)?)?$/;
/** Google News' news:language: an ISO 639 code of two or three letters, except zh-cn and zh-tw. */
export const NEWS_LANGUAGE = /^([a-z]{2,3}|zh-cn|zh-tw)$/;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed XML is read field by field
type Node = any;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => ['url', 'sitemap'].includes(name),
});

export interface SitemapReading {
  problems: string[];
  /** Every <loc> in order. */
  locs: string[];
  /** news: the entries' titles and dates by loc; urlset/index: lastmod by loc. */
  entries: Array<{ loc: string; lastmod?: string; title?: string; publicationDate?: string; name?: string; language?: string }>;
}

export interface RuleOptions {
  kind: 'index' | 'urlset' | 'news';
  /** The sitemap's own URL: every loc must be on its host (sitemaps.org, "Sitemap file location"). */
  sitemapUrl: string;
  now?: number;
}

export function readSitemap(text: string, options: RuleOptions): SitemapReading {
  const problems: string[] = [];
  const now = options.now ?? Date.now();
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_BYTES) problems.push(`${bytes} bytes: more than 50 MB`);
  if (!text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')) problems.push('no UTF-8 XML declaration');
  const valid = XMLValidator.validate(text);
  if (valid !== true) return { problems: [...problems, `not well-formed XML: ${JSON.stringify(valid)}`], locs: [], entries: [] };
  const tree: Node = parser.parse(text);
  const roots = Object.keys(tree).filter((key) => key !== '?xml');
  const rootName = options.kind === 'index' ? 'sitemapindex' : 'urlset';
  if (roots.length !== 1 || roots[0] !== rootName) problems.push(`root element ${roots.join(',')}, expected ${rootName}`);
  const root: Node = tree[rootName] ?? {};
  if (root['@xmlns'] !== SITEMAP_NS) problems.push(`namespace ${root['@xmlns']}, expected ${SITEMAP_NS}`);
  if (options.kind === 'news' && root['@xmlns:news'] !== NEWS_NS)
    problems.push(`news namespace ${root['@xmlns:news']}, expected ${NEWS_NS}`);
  const items: Node[] = (options.kind === 'index' ? root.sitemap : root.url) ?? [];
  const limit = options.kind === 'news' ? NEWS_MAX_URLS : MAX_URLS;
  if (items.length > limit) problems.push(`${items.length} entries: more than ${limit}`);
  const host = new URL(options.sitemapUrl).host;
  const locs: string[] = [];
  const entries: SitemapReading['entries'] = [];
  const allowed = options.kind === 'news' ? ['loc', 'news:news'] : ['loc', 'lastmod', 'changefreq', 'priority'];
  for (const item of items) {
    const loc = typeof item.loc === 'string' ? item.loc : '';
    for (const key of Object.keys(item)) if (!allowed.includes(key)) problems.push(`${loc}: unexpected element <${key}>`);
    if (!loc) problems.push('an entry without <loc>');
    else {
      if (loc.length >= 2048) problems.push(`${loc.slice(0, 60)}...: 2048 characters or more`);
      if (!URL.canParse(loc) || !/^https?:\/\//.test(loc)) problems.push(`${loc}: not an absolute http(s) URL`);
      else if (new URL(loc).host !== host) problems.push(`${loc}: not on the sitemap's host ${host}`);
    }
    locs.push(loc);
    if (options.kind === 'news') {
      const news: Node = item['news:news'];
      const publication: Node = news?.['news:publication'];
      const name = publication?.['news:name'];
      const language = publication?.['news:language'];
      const date = news?.['news:publication_date'];
      const title = news?.['news:title'];
      if (!news) problems.push(`${loc}: no <news:news>`);
      if (typeof name !== 'string' || !name) problems.push(`${loc}: no news:publication/news:name`);
      if (typeof language !== 'string' || !NEWS_LANGUAGE.test(language)) problems.push(`${loc}: news:language ${language} is not ISO 639`);
      if (typeof date !== 'string' || !W3C_DATETIME.test(date)) problems.push(`${loc}: news:publication_date ${date} is not W3C Datetime`);
      else if (Date.parse(date) > now || Date.parse(date) < now - NEWS_WINDOW_MS)
        problems.push(`${loc}: published ${date}, outside the last 48 hours`);
      if (typeof title !== 'string' || !title) problems.push(`${loc}: no news:title`);
      entries.push({ loc, title, publicationDate: date, name, language });
    } else {
      const lastmod = item.lastmod;
      if (lastmod !== undefined) {
        if (typeof lastmod !== 'string' || !W3C_DATETIME.test(lastmod)) problems.push(`${loc}: lastmod ${lastmod} is not W3C Datetime`);
        else if (Date.parse(lastmod) > now + 1000) problems.push(`${loc}: lastmod ${lastmod} is in the future`);
      }
      entries.push({ loc, lastmod });
    }
  }
  const seen = new Set<string>();
  const duplicates = locs.filter((loc) => seen.size === seen.add(loc).size);
  if (duplicates.length) problems.push(`listed twice: ${[...new Set(duplicates)].slice(0, 5).join(', ')}`);
  return { problems, locs, entries };
}

/**
 * robots.txt (RFC 9309) for `User-agent: *`: whether a path may be crawled. The longest matching
 * rule wins; Allow wins a tie; no rule: allowed. (No wildcards: ours uses none.)
 */
export function robotsAllows(robots: string, path: string): boolean {
  let best: { length: number; allow: boolean } | null = null;
  let inGroup = false;
  for (const raw of robots.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    const [field = '', ...rest] = line.split(':');
    const value = rest.join(':').trim();
    const name = field.trim().toLowerCase();
    if (name === 'user-agent') inGroup = value === '*';
    else if (inGroup && (name === 'allow' || name === 'disallow') && value && path.startsWith(value)) {
      const allow = name === 'allow';
      if (!best || value.length > best.length || (value.length === best.length && allow)) best = { length: value.length, allow };
    }
  }
  return best?.allow ?? true;
}
