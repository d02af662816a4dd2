import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { jsonFeed, rssFeed, type FeedMeta } from './feeds.js';

// These pin what the `feed` package (6.0.0) does differently; see docs/architecture.md,
// "Libraries and what we kept".
const meta: FeedMeta = {
  title: 'Desk & <Co>',
  selfUrl: 'https://news.example.test/api/public/feeds/latest.rss',
  homeUrl: 'https://news.example.test/',
  storyUrl: (slug) => `https://news.example.test/stories/${slug}`,
};
const item = {
  slug: 'a-story',
  headline: 'Control \u0001 char & <b>',
  teaser: 'Tease \u000B',
  bodyHtml: '<p>Body ]]> with a CDATA end</p>',
  publishedAt: '2026-03-01T10:00:00.000Z',
  updatedAt: '2026-03-02T10:00:00.000Z',
  tags: ['Politics'],
};

describe('feeds', () => {
  it('writes well-formed RSS even when a headline holds a control character XML 1.0 forbids', () => {
    const text = rssFeed(meta, [item]);
    expect(XMLValidator.validate(text)).toBe(true);
    const rss = new XMLParser({ ignoreAttributes: false }).parse(text);
    expect(rss.rss.channel.item.title).toBe('Control  char & <b>');
    expect(rss.rss.channel.item['content:encoded']).toBe(item.bodyHtml);
    expect(rss.rss.channel.item.guid['@_isPermaLink']).toBe('true');
  });

  it('names no URL but the configured ones (no generator or docs links)', () => {
    const namespaces = ['http://www.w3.org/2005/Atom', 'http://purl.org/rss/1.0/modules/content/', 'https://jsonfeed.org/version/1.1'];
    for (const text of [rssFeed(meta, [item]), jsonFeed(meta, [item])]) {
      const urls = (text.match(/[a-z][a-z0-9+.-]*:\/\/[^\s"'<>\\]+/gi) ?? []).filter((url) => !namespaces.includes(url));
      expect(urls.length).toBeGreaterThan(0);
      expect(urls.filter((url) => !url.startsWith('https://news.example.test/'))).toEqual([]);
    }
  });

  it('writes JSON Feed 1.1 with both dates', () => {
    const feed = JSON.parse(jsonFeed(meta, [item]));
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.items[0]).toMatchObject({ date_published: item.publishedAt, date_modified: item.updatedAt, tags: ['Politics'] });
  });
});
