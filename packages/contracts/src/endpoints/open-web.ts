import { NoQuerySchema } from '../public.js';
import { SitemapQuerySchema } from '../open-web.js';
import type { Endpoint } from '../endpoints.js';

/** The open web (docs/open-web.md): robots.txt, sitemaps for crawlers and Google News, and ninjs for partners. */
export const OPEN_WEB_ENDPOINTS = {
  'public.robots': {
    method: 'get',
    path: '/robots.txt',
    summary: 'robots.txt (RFC 9309): the public read API open to crawlers, the staff API not; names the sitemap index',
    tag: 'public',
    permission: 'public',
    query: NoQuerySchema,
  },
  'public.sitemaps.index': {
    method: 'get',
    path: '/sitemap.xml',
    summary:
      'Sitemap index: the Google News sitemap and every page of the stories, correspondents, tags and programs sitemaps, with lastmod',
    tag: 'public',
    permission: 'public',
    query: NoQuerySchema,
  },
  'public.sitemaps.news': {
    method: 'get',
    path: '/sitemaps/news.xml',
    summary: 'Google News sitemap: live stories published in the last 48 hours, newest first, 1,000 a page (?page=n; past the end: 404)',
    tag: 'public',
    permission: 'public',
    query: SitemapQuerySchema,
  },
  'public.sitemaps.stories': {
    method: 'get',
    path: '/sitemaps/stories.xml',
    summary: 'Sitemap of live stories, oldest first, up to 50,000 a page (?page=n; past the end: 404)',
    tag: 'public',
    permission: 'public',
    query: SitemapQuerySchema,
  },
  'public.sitemaps.correspondents': {
    method: 'get',
    path: '/sitemaps/correspondents.xml',
    summary: "Sitemap of published correspondents' pages, up to 50,000 a page (?page=n; past the end: 404)",
    tag: 'public',
    permission: 'public',
    query: SitemapQuerySchema,
  },
  'public.sitemaps.tags': {
    method: 'get',
    path: '/sitemaps/tags.xml',
    summary: 'Sitemap of public tag pages (a live story carries the tag), up to 50,000 a page (?page=n; past the end: 404)',
    tag: 'public',
    permission: 'public',
    query: SitemapQuerySchema,
  },
  'public.sitemaps.programs': {
    method: 'get',
    path: '/sitemaps/programs.xml',
    summary: 'Sitemap of program pages (a live story belongs to the program), up to 50,000 a page (?page=n; past the end: 404)',
    tag: 'public',
    permission: 'public',
    query: SitemapQuerySchema,
  },
  'public.stories.ninjs': {
    method: 'get',
    path: '/api/public/stories/{slug}.ninjs.json',
    summary: 'A live story as IPTC ninjs 2.1 (News in JSON) for partners (404 unless published; old slugs: 301)',
    tag: 'public',
    permission: 'public',
    query: NoQuerySchema,
  },
} as const satisfies Record<string, Endpoint>;
