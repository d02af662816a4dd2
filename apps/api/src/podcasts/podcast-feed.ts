import { absoluteUrl, PODCAST_ARTWORK_MIN, type PublicImage } from '@newsdesk/contracts';
import { xml } from '../public/feeds.js';

/**
 * A program's podcast as RSS 2.0 with the itunes: (Apple Podcasts) and podcast: (Podcasting 2.0,
 * https://podcastindex.org/namespace/1.0) namespaces. Pure: the service gathers the data (links
 * from configuration only), this writes it with the public feeds' escaping (public/feeds.ts `xml`).
 */

export interface FeedPerson {
  name: string;
  /** host, guest, reporter (the Podcast Taxonomy's "cast" group). */
  role: 'host' | 'guest' | 'reporter';
  href: string | null;
}

export interface PodcastFeedChannel {
  title: string;
  link: string;
  description: string;
  language: string;
  /** This page's URL (atom:link rel=self). */
  selfUrl: string;
  /** RFC 5005-style paging links (absolute), when the feed has more than one page. */
  paging: { first: string; last: string; next: string | null; prev: string | null } | null;
  imageUrl: string | null;
  category: string | null;
  subcategory: string | null;
  explicit: boolean;
  ownerName: string;
  ownerEmail: string;
  author: string;
  type: 'episodic' | 'serial';
  guid: string;
  locked: boolean;
  lastBuildDate: Date;
  hosts: FeedPerson[];
  liveItem: {
    guid: string;
    title: string;
    status: 'pending' | 'live';
    start: Date;
    end: Date;
    streamUrl: string;
  } | null;
}

export interface PodcastFeedItem {
  guid: string;
  title: string;
  link: string;
  description: string;
  pubDate: Date;
  enclosure: { url: string; length: number; type: string };
  durationSeconds: number | null;
  season: number | null;
  episode: number | null;
  episodeType: string;
  transcripts: Array<{ url: string; type: string }>;
  people: FeedPerson[];
  chaptersUrl: string | null;
  /**
   * The episode's image, from the story's lead photo (publishable only): its square JPEGs. `href`
   * (itunes:image) is the largest when it is at least Apple's 1400 px, else null; `srcset`
   * (podcast:images) lists every square JPEG by width.
   */
  image: { href: string | null; srcset: string } | null;
}

/** An episode's image from its story's lead photo (PUBLIC_IMAGE: publishable only): the square JPEGs. */
export function episodeImage(image: PublicImage | null, api: string): PodcastFeedItem['image'] {
  const squares = (image?.renditions ?? [])
    .filter((r) => r.aspect === 'square' && r.type === 'image/jpeg')
    .sort((a, b) => a.width - b.width);
  const largest = squares[squares.length - 1];
  if (!largest) return null;
  return {
    href: largest.width >= PODCAST_ARTWORK_MIN ? absoluteUrl(api, largest.url) : null,
    srcset: squares.map((r) => `${absoluteUrl(api, r.url)} ${r.width}w`).join(', '),
  };
}

const rfc2822 = (date: Date) => date.toUTCString();

function person(p: FeedPerson, indent: string): string {
  const href = p.href ? ` href="${xml(p.href)}"` : '';
  return `\n${indent}<podcast:person role="${p.role}" group="cast"${href}>${xml(p.name)}</podcast:person>`;
}

function item(entry: PodcastFeedItem): string {
  const i = '      ';
  const lines = [
    `<title>${xml(entry.title)}</title>`,
    `<link>${xml(entry.link)}</link>`,
    `<guid isPermaLink="false">${xml(entry.guid)}</guid>`,
    `<pubDate>${rfc2822(entry.pubDate)}</pubDate>`,
    `<description>${xml(entry.description)}</description>`,
    `<enclosure url="${xml(entry.enclosure.url)}" length="${entry.enclosure.length}" type="${xml(entry.enclosure.type)}" />`,
    ...(entry.durationSeconds !== null ? [`<itunes:duration>${Math.round(entry.durationSeconds)}</itunes:duration>`] : []),
    ...(entry.season !== null ? [`<itunes:season>${entry.season}</itunes:season>`] : []),
    ...(entry.episode !== null ? [`<itunes:episode>${entry.episode}</itunes:episode>`] : []),
    `<itunes:episodeType>${xml(entry.episodeType)}</itunes:episodeType>`,
    ...entry.transcripts.map((t) => `<podcast:transcript url="${xml(t.url)}" type="${xml(t.type)}" />`),
    ...(entry.image?.href ? [`<itunes:image href="${xml(entry.image.href)}" />`] : []),
    ...(entry.image?.srcset ? [`<podcast:images srcset="${xml(entry.image.srcset)}" />`] : []),
    ...(entry.chaptersUrl ? [`<podcast:chapters url="${xml(entry.chaptersUrl)}" type="application/json+chapters" />`] : []),
  ];
  return `\n    <item>${lines.map((line) => `\n${i}${line}`).join('')}${entry.people.map((p) => person(p, i)).join('')}\n    </item>`;
}

export function podcastFeed(channel: PodcastFeedChannel, items: PodcastFeedItem[]): string {
  const c = '    ';
  const paging = channel.paging
    ? [
        `<atom:link rel="first" href="${xml(channel.paging.first)}" type="application/rss+xml" />`,
        `<atom:link rel="last" href="${xml(channel.paging.last)}" type="application/rss+xml" />`,
        ...(channel.paging.prev ? [`<atom:link rel="prev" href="${xml(channel.paging.prev)}" type="application/rss+xml" />`] : []),
        ...(channel.paging.next ? [`<atom:link rel="next" href="${xml(channel.paging.next)}" type="application/rss+xml" />`] : []),
      ]
    : [];
  const category = channel.category
    ? channel.subcategory
      ? `<itunes:category text="${xml(channel.category)}"><itunes:category text="${xml(channel.subcategory)}" /></itunes:category>`
      : `<itunes:category text="${xml(channel.category)}" />`
    : null;
  const live = channel.liveItem;
  const lines = [
    `<title>${xml(channel.title)}</title>`,
    `<link>${xml(channel.link)}</link>`,
    `<description>${xml(channel.description)}</description>`,
    `<language>${xml(channel.language)}</language>`,
    `<lastBuildDate>${rfc2822(channel.lastBuildDate)}</lastBuildDate>`,
    `<atom:link rel="self" href="${xml(channel.selfUrl)}" type="application/rss+xml" />`,
    ...paging,
    ...(channel.imageUrl ? [`<itunes:image href="${xml(channel.imageUrl)}" />`] : []),
    ...(category ? [category] : []),
    `<itunes:explicit>${channel.explicit ? 'true' : 'false'}</itunes:explicit>`,
    `<itunes:owner><itunes:name>${xml(channel.ownerName)}</itunes:name><itunes:email>${xml(channel.ownerEmail)}</itunes:email></itunes:owner>`,
    ...(channel.author ? [`<itunes:author>${xml(channel.author)}</itunes:author>`] : []),
    `<itunes:type>${channel.type}</itunes:type>`,
    `<podcast:guid>${xml(channel.guid)}</podcast:guid>`,
    `<podcast:locked${channel.ownerEmail ? ` owner="${xml(channel.ownerEmail)}"` : ''}>${channel.locked ? 'yes' : 'no'}</podcast:locked>`,
  ];
  const liveItem = live
    ? `\n${c}<podcast:liveItem status="${live.status}" start="${live.start.toISOString()}" end="${live.end.toISOString()}">
      <title>${xml(live.title)}</title>
      <guid isPermaLink="false">${xml(live.guid)}</guid>
      <enclosure url="${xml(live.streamUrl)}" length="0" type="audio/mpeg" />
      <podcast:contentLink href="${xml(live.streamUrl)}">${xml(live.title)}</podcast:contentLink>
    </podcast:liveItem>`
    : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:podcast="https://podcastindex.org/namespace/1.0" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>${lines.map((line) => `\n${c}${line}`).join('')}${channel.hosts.map((h) => person(h, c)).join('')}${liveItem}${items.map(item).join('')}
  </channel>
</rss>
`;
}
