import { z } from 'zod';

/**
 * The open web (docs/open-web.md): sitemaps, robots.txt, schema.org JSON-LD on the public story and
 * correspondent JSON, and IPTC ninjs 2.1 for partners.
 */

/** Largest sitemap page number taken (50,000 URLs a page: room for 5 billion). */
export const SITEMAP_MAX_PAGE = 100_000;

/** `?page=n` of a sitemap family (default 1); past the last page: 404. */
export const SitemapQuerySchema = z.strictObject({
  page: z.coerce
    .number({ error: 'page must be a page number' })
    .int('page must be a whole number')
    .min(1, 'page must be at least 1')
    .max(SITEMAP_MAX_PAGE, `page must be at most ${SITEMAP_MAX_PAGE}`)
    .optional(),
});
export type SitemapQuery = z.infer<typeof SitemapQuerySchema>;

/**
 * A schema.org JSON-LD object (https://schema.org, JSON-LD 1.1): `@context` and `@type`, then the
 * type's properties. The API types them with schema-dts (apps/api/src/public/structured-data.ts).
 */
const jsonLd = <T extends string>(type: T) =>
  z.looseObject({ '@context': z.literal('https://schema.org'), '@type': z.literal(type) }).meta({
    description: `A schema.org ${type} as JSON-LD: embed it in the page as <script type="application/ld+json">.`,
  });

export const NewsArticleJsonLdSchema = jsonLd('NewsArticle');
export const PersonJsonLdSchema = jsonLd('Person');
