import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { jsonFeed, rssFeed, type FeedMeta } from './feeds.js';

// These pin what the `feed` package (6.0.0) does differently; see docs/architecture.md,
// "Libraries and what we kept".
const meta: FeedMeta = {
  title: 'Desk & <Co>',
  selfUrl: 'https://news.example.test/api/public/feeds/latest.rss',
  homeUrl: 'https://news.example.test/',
  storyUrl: (slug) => `https://news.example.test/stories/${slug}`,
  api: 'https://news.example.test',
};
const item = {
  slug: 'a-story',
  headline: 'Control \u0001 char & <b>',
  teaser: 'Tease \u000B',
  bodyHtml: '<p>Body ]]> with a CDATA end</p>',
  publishedAt: '2026-03-01T10:00:00.000Z',
  updatedAt: '2026-03-02T10:00:00.000Z',
  tags: ['Politics'],
  image: null,
};
const rendition = (aspect: 'original' | 'wide', width: number, height: number, type: 'image/jpeg' | 'image/webp' = 'image/jpeg') => ({
  url: `/api/public/images/${aspect}${width}.${type === 'image/jpeg' ? 'jpg' : 'webp'}`,
  width,
  height,
  type,
  aspect,
});
const photo = {
  url: '/api/media/x',
  alt: 'A <ferry> & its wake',
  credit: 'Ana Díaz/Desk & Co',
  caption: '',
  width: 3000,
  height: 2000,
  focal: { x: 0.5, y: 0.5 },
  renditions: [
    rendition('wide', 1024, 576),
    rendition('wide', 1600, 900),
    rendition('wide', 2400, 1350),
    rendition('wide', 1600, 900, 'image/webp'),
    rendition('original', 1600, 1067),
  ],
  srcset: {},
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

  it("carries a lead photo's 16:9 JPEG (at most 1600 px) with its alt text and credit, escaped, in RSS and JSON Feed", () => {
    const text = rssFeed(meta, [{ ...item, image: photo }]);
    expect(XMLValidator.validate(text)).toBe(true);
    const media = new XMLParser({ ignoreAttributes: false }).parse(text).rss.channel.item['media:content'];
    expect(media).toMatchObject({
      '@_url': 'https://news.example.test/api/public/images/wide1600.jpg',
      '@_type': 'image/jpeg',
      '@_medium': 'image',
      '@_width': '1600',
      '@_height': '900',
      'media:credit': 'Ana Díaz/Desk & Co',
    });
    expect(media['media:description']['#text']).toBe('A <ferry> & its wake');
    const feed = JSON.parse(jsonFeed(meta, [{ ...item, image: photo }]));
    expect(feed.items[0].image).toBe('https://news.example.test/api/public/images/wide1600.jpg');
    expect(feed.items[0]._lead_image).toEqual({
      url: feed.items[0].image,
      width: 1600,
      height: 900,
      alt: photo.alt,
      credit: photo.credit,
      caption: '',
    });
    // Without a 16:9 crop, the image's own aspect.
    const own = JSON.parse(jsonFeed(meta, [{ ...item, image: { ...photo, renditions: [rendition('original', 1600, 1067)] } }]));
    expect(own.items[0].image).toBe('https://news.example.test/api/public/images/original1600.jpg');
    expect(JSON.parse(jsonFeed(meta, [item])).items[0]).not.toHaveProperty('image');
  });

  it('names no URL but the configured ones (no generator or docs links)', () => {
    const namespaces = [
      'http://www.w3.org/2005/Atom',
      'http://purl.org/rss/1.0/modules/content/',
      'http://search.yahoo.com/mrss/',
      'https://jsonfeed.org/version/1.1',
    ];
    for (const text of [rssFeed(meta, [{ ...item, image: photo }]), jsonFeed(meta, [{ ...item, image: photo }])]) {
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
