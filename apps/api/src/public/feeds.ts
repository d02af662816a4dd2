import { largestRendition, type OutputImageFile, type PublicImage } from '@newsdesk/contracts';
import type { FeedItem } from './public-stories.repository.js';

export interface FeedMeta {
  title: string;
  selfUrl: string;
  homeUrl: string;
  storyUrl: (slug: string) => string;
  /** PUBLIC_API_URL: rendition paths are made absolute with it. */
  api: string;
}

/** Widest file a feed offers: a hero's width (docs/images.md); readers scale it down. */
export const FEED_IMAGE_MAX_WIDTH = 1600;

/** A lead photo's file in a feed: the 16:9 crop (what readers show as a card or hero), else the image's own aspect; JPEG, at most 1600 px. */
export function feedImageFile(image: PublicImage, api: string): OutputImageFile | undefined {
  return largestRendition(image, api, 'wide', FEED_IMAGE_MAX_WIDTH) ?? largestRendition(image, api, 'original', FEED_IMAGE_MAX_WIDTH);
}

/** Media RSS (https://www.rssboard.org/media-rss) of a lead photo: the file, its alt text as description, its credit. */
function mediaContent(image: PublicImage | null, api: string): string {
  const file = image && feedImageFile(image, api);
  if (!image || !file) return '';
  return `
      <media:content url="${xml(file.url)}" type="${file.type}" medium="image" width="${file.width}" height="${file.height}">
        <media:description type="plain">${xml(image.alt)}</media:description>
        <media:credit>${xml(image.credit)}</media:credit>${
          image.caption
            ? `
        <media:title type="plain">${xml(image.caption)}</media:title>`
            : ''
        }
      </media:content>`;
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
      <content:encoded>${xml(item.bodyHtml)}</content:encoded>${mediaContent(item.image, meta.api)}${item.tags
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
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:media="http://search.yahoo.com/mrss/">
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

/**
 * JSON Feed 1.1. A lead photo is the item's `image` (the spec's "main image") and, since JSON Feed has
 * no field for a credit or alt text, the `_lead_image` extension (underscore keys are the spec's
 * extensions, which readers that do not know them ignore).
 */
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
      ...leadImageJson(item.image, meta.api),
    })),
  });
}

function leadImageJson(image: PublicImage | null, api: string) {
  const file = image && feedImageFile(image, api);
  if (!image || !file) return {};
  return {
    image: file.url,
    _lead_image: { url: file.url, width: file.width, height: file.height, alt: image.alt, credit: image.credit, caption: image.caption },
  };
}
