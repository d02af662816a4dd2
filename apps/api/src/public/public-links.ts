import type { Config } from '../config.js';

/**
 * Every absolute URL of the open-web outputs (sitemaps, robots.txt, JSON-LD, ninjs), from
 * configuration only: never from the request's Host or X-Forwarded-* headers, which anyone can set
 * and which would end up in an answer the public cache then serves to everyone (cache poisoning).
 */
export interface PublicLinks {
  /** PUBLIC_API_URL (no trailing slash). */
  api: string;
  /** Where /sitemap.xml, /sitemaps/* and /robots.txt are fetched (SITEMAP_BASE_URL, default PUBLIC_API_URL). */
  sitemapBase: string;
  /** The URL templates (each with `{slug}`), as configured or defaulted. */
  templates: { story: string; correspondent: string; tag: string; program: string };
  story(slug: string): string;
  correspondent(slug: string): string;
  tag(slug: string): string;
  program(slug: string): string;
  publisher: { name: string; logo: string | null };
  language: string;
}

export type PublicLinksConfig = Pick<
  Config,
  | 'PUBLIC_API_URL'
  | 'STORY_URL_TEMPLATE'
  | 'CORRESPONDENT_URL_TEMPLATE'
  | 'TAG_URL_TEMPLATE'
  | 'PROGRAM_URL_TEMPLATE'
  | 'SITEMAP_BASE_URL'
  | 'PUBLISHER_NAME'
  | 'PUBLISHER_LOGO_URL'
  | 'PUBLICATION_LANGUAGE'
  | 'FEED_TITLE'
>;

export function publicLinks(config: PublicLinksConfig): PublicLinks {
  const api = config.PUBLIC_API_URL;
  const templates = {
    story: config.STORY_URL_TEMPLATE,
    correspondent: config.CORRESPONDENT_URL_TEMPLATE ?? `${api}/api/public/correspondents/{slug}`,
    tag: config.TAG_URL_TEMPLATE ?? `${api}/api/public/tags/{slug}`,
    program: config.PROGRAM_URL_TEMPLATE ?? `${api}/api/public/stories?program={slug}`,
  };
  // Slugs are [a-z0-9-] (SlugSchema): nothing in them needs escaping in a URL.
  const fill = (template: string) => (slug: string) => template.split('{slug}').join(slug);
  return {
    api,
    sitemapBase: config.SITEMAP_BASE_URL ?? api,
    templates,
    story: fill(templates.story),
    correspondent: fill(templates.correspondent),
    tag: fill(templates.tag),
    program: fill(templates.program),
    publisher: { name: config.PUBLISHER_NAME ?? config.FEED_TITLE, logo: config.PUBLISHER_LOGO_URL ?? null },
    language: config.PUBLICATION_LANGUAGE,
  };
}
