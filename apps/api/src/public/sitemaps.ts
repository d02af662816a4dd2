import { SLUG_MAX } from '@newsdesk/contracts';
import { xml } from './feeds.js';

/**
 * Sitemap writers (https://www.sitemaps.org/protocol.html and Google's News sitemap extension),
 * pure functions over rows the repository reads. The limits are the published ones:
 * - a sitemap or sitemap index lists at most 50,000 URLs and is at most 50 MB (52,428,800 bytes)
 *   uncompressed;
 * - a News sitemap lists at most 1,000 URLs, only of articles published in the last two days.
 */
export const SITEMAP_MAX_URLS = 50_000;
export const SITEMAP_MAX_BYTES = 52_428_800;
export const NEWS_SITEMAP_MAX_URLS = 1_000;
/** Google News: "articles that were created in the last two days". */
export const NEWS_WINDOW_HOURS = 48;

export const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
export const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9';

/** The regular sitemaps, one family of files each. */
export const SITEMAP_KINDS = ['stories', 'correspondents', 'tags', 'programs'] as const;
export type SitemapKind = (typeof SITEMAP_KINDS)[number];

export interface SitemapUrl {
  loc: string;
  /** W3C Datetime (an ISO 8601 instant in UTC with milliseconds). */
  lastmod: string;
}

export interface NewsUrl {
  loc: string;
  publishedAt: string;
  title: string;
}

export interface IndexEntry {
  loc: string;
  lastmod: string | null;
}

const HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';
const URLSET_OPEN = `<urlset xmlns="${SITEMAP_NS}">\n`;
const URLSET_CLOSE = '</urlset>\n';
/** The longest lastmod we write (iso() in common/sql.ts). */
const LASTMOD_WIDTH = '0000-00-00T00:00:00.000Z';

const urlEntry = (url: SitemapUrl) => `  <url><loc>${xml(url.loc)}</loc><lastmod>${url.lastmod}</lastmod></url>\n`;

/**
 * How many URLs one sitemap file of a kind holds: 50,000, or fewer when that many of the longest
 * URLs the template can make (a slug of SLUG_MAX characters; slugs need no escaping) would pass
 * 50 MB. So the size rule holds by construction, whatever the configured template.
 */
export function urlsPerSitemap(template: string): number {
  const longest = template.split('{slug}').join('x'.repeat(SLUG_MAX));
  const worst = Buffer.byteLength(urlEntry({ loc: longest, lastmod: LASTMOD_WIDTH }));
  const room = SITEMAP_MAX_BYTES - Buffer.byteLength(HEAD + URLSET_OPEN + URLSET_CLOSE);
  return Math.max(1, Math.min(SITEMAP_MAX_URLS, Math.floor(room / worst)));
}

/** A regular sitemap (`urlset`) with a `lastmod` for every URL. */
export function urlsetXml(urls: readonly SitemapUrl[]): string {
  return HEAD + URLSET_OPEN + urls.map(urlEntry).join('') + URLSET_CLOSE;
}

/** A Google News sitemap: each URL with its publication (name, language), publication date and title. */
export function newsUrlsetXml(urls: readonly NewsUrl[], publication: { name: string; language: string }): string {
  const name = xml(publication.name);
  const language = xml(publication.language);
  const entries = urls.map(
    (url) =>
      `  <url>
    <loc>${xml(url.loc)}</loc>
    <news:news>
      <news:publication><news:name>${name}</news:name><news:language>${language}</news:language></news:publication>
      <news:publication_date>${url.publishedAt}</news:publication_date>
      <news:title>${xml(url.title)}</news:title>
    </news:news>
  </url>\n`,
  );
  return `${HEAD}<urlset xmlns="${SITEMAP_NS}" xmlns:news="${NEWS_NS}">\n${entries.join('')}${URLSET_CLOSE}`;
}

/** The sitemap index: every sitemap file, each with the latest lastmod of its URLs. */
export function sitemapIndexXml(entries: readonly IndexEntry[]): string {
  const items = entries.map(
    (entry) => `  <sitemap><loc>${xml(entry.loc)}</loc>${entry.lastmod ? `<lastmod>${entry.lastmod}</lastmod>` : ''}</sitemap>\n`,
  );
  return `${HEAD}<sitemapindex xmlns="${SITEMAP_NS}">\n${items.join('')}</sitemapindex>\n`;
}

/**
 * robots.txt (RFC 9309): the public read API and every other path are open to crawlers but the staff
 * API (which answers 401 anyway), share links and the API docs; the sitemap index is named.
 */
export function robotsTxt(sitemapIndexUrl: string): string {
  return `User-agent: *
Allow: /api/public/
Allow: /api/media/
Disallow: /api/

Sitemap: ${sitemapIndexUrl}
`;
}
