import type { FeedItem } from './public-stories.repository.js';

export interface FeedMeta {
  title: string;
  selfUrl: string;
  homeUrl: string;
  storyUrl: (slug: string) => string;
}

/** Text (or an attribute value) escaped for XML and HTML, without the characters XML 1.0 does not allow: the one escaping of our markup outputs. */
export const xml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    // Characters XML 1.0 does not allow.
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');

/** RSS 2.0 with the full body as content:encoded. */
export function rssFeed(meta: FeedMeta, items: FeedItem[]): string {
  const entries = items
    .map(
      (item) => `
    <item>
      <title>${xml(item.headline)}</title>
      <link>${xml(meta.storyUrl(item.slug))}</link>
      <guid isPermaLink="true">${xml(meta.storyUrl(item.slug))}</guid>
      <pubDate>${new Date(item.publishedAt).toUTCString()}</pubDate>
      <description>${xml(item.teaser)}</description>
      <content:encoded>${xml(item.bodyHtml)}</content:encoded>${item.tags
        .map(
          (tag) => `
      <category>${xml(tag)}</category>`,
        )
        .join('')}
    </item>`,
    )
    .join('');
  const updated = items[0]?.publishedAt ?? new Date(0).toISOString();
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel>
    <title>${xml(meta.title)}</title>
    <link>${xml(meta.homeUrl)}</link>
    <description>${xml(meta.title)}: latest stories</description>
    <atom:link href="${xml(meta.selfUrl)}" rel="self" type="application/rss+xml" />
    <lastBuildDate>${new Date(updated).toUTCString()}</lastBuildDate>${entries}
  </channel>
</rss>
`;
}

/** JSON Feed 1.1. */
export function jsonFeed(meta: FeedMeta, items: FeedItem[]): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: meta.title,
    home_page_url: meta.homeUrl,
    feed_url: meta.selfUrl,
    items: items.map((item) => ({
      id: meta.storyUrl(item.slug),
      url: meta.storyUrl(item.slug),
      title: item.headline,
      summary: item.teaser,
      content_html: item.bodyHtml,
      date_published: item.publishedAt,
      date_modified: item.updatedAt,
      tags: item.tags,
    })),
  });
}
