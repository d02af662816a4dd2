import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { NewsArticle, Person, WithContext } from 'schema-dts';
import { SLUG_MAX } from '@newsdesk/contracts';
import { SITEMAP_MAX_BYTES, SITEMAP_MAX_URLS, urlsPerSitemap, urlsetXml } from '../src/public/sitemaps.js';
import { LIVE_SQL } from '../src/stories/story-live.js';
import { startTestApp, type TestApp } from './support/app.js';
import { Desk, doc, word } from './support/desk.js';
import { png, upload } from './support/images.js';
import { renditionsSettled } from './support/renditions.js';
import { insertExternalAudio } from './support/audio.js';
import { createProgram } from './support/schedule.js';
import { NINJS_2_1_SCHEMA } from './support/ninjs-schema.js';
import { readSitemap, robotsAllows, W3C_DATETIME, type RuleOptions } from './support/sitemap-rules.js';

/**
 * The open web (issue #18 items 5 and 6, docs/open-web.md): robots.txt, the sitemap index, the
 * Google News sitemap and the sitemaps of stories, correspondents, tags and programs, read back by
 * a real XML parser and checked against the sitemap protocol's and Google News' rules
 * (support/sitemap-rules.ts); the schema.org JSON-LD of stories and correspondents, typed with
 * schema-dts and checked for Google's recommended Article properties; ninjs 2.1 validated with ajv
 * against a JSON Schema written from the IPTC standard (support/ninjs-schema.ts). No network.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary response bodies
type Body = any;

const SITE = 'https://radio.example';
const PUBLISHER = 'Radio & Example "News"';
const CONFIG = {
  SITEMAP_BASE_URL: SITE,
  STORY_URL_TEMPLATE: `${SITE}/news/{slug}`,
  CORRESPONDENT_URL_TEMPLATE: `${SITE}/people/{slug}`,
  TAG_URL_TEMPLATE: `${SITE}/topics/{slug}`,
  // An ampersand in every program URL: it must reach crawlers entity-escaped and read back whole.
  PROGRAM_URL_TEMPLATE: `${SITE}/shows/{slug}?from=sitemap&view=all`,
  PUBLISHER_NAME: PUBLISHER,
  PUBLISHER_LOGO_URL: `${SITE}/logo.png`,
  PUBLICATION_LANGUAGE: 'en',
};

const mediaDir = mkdtempSync(join(tmpdir(), 'newsdesk-open-web-'));
let app: TestApp;
let desk: Desk;
let token: string;

/** The live story with everything (byline with a page, tag, program, image, audio, correction), and an older live one. */
const live: { story: Body; old: Body; correspondent: Body; tag: Body; program: Body; mediaId: string; audioUrl: string } = {} as never;
/** Slugs (and words) of records that must appear in no sitemap. */
const hidden: Array<{ state: string; secret: string }> = [];

async function get(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(app.url + path, { headers, redirect: 'manual' });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** A sitemap file a URL of the index names, fetched from this API (its path and query; the host is the configured site). */
const local = (url: string) => {
  const parsed = new URL(url);
  return parsed.pathname + parsed.search;
};

/** Every sitemap file the index lists, read and checked; the problems of all, and all their entries. */
async function crawl() {
  const index = await get('/sitemap.xml');
  expect(index.status).toBe(200);
  const read = readSitemap(index.text, { kind: 'index', sitemapUrl: `${SITE}/sitemap.xml` });
  const files: Array<{ url: string; kind: RuleOptions['kind']; text: string; reading: ReturnType<typeof readSitemap> }> = [];
  for (const url of read.locs) {
    const file = await get(local(url));
    expect({ url, status: file.status }).toEqual({ url, status: 200 });
    expect(file.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    const kind = url.includes('/sitemaps/news.xml') ? 'news' : 'urlset';
    files.push({ url, kind, text: file.text, reading: readSitemap(file.text, { kind, sitemapUrl: url }) });
  }
  return {
    index,
    read,
    files,
    problems: [...read.problems, ...files.flatMap((file) => file.reading.problems.map((p) => `${file.url}: ${p}`))],
  };
}

beforeAll(async () => {
  app = await startTestApp({ MEDIA_DIR: mediaDir, ...CONFIG });
  token = (await app.signIn(['admin'])).token;
  desk = new Desk(app, token);

  let correspondent = await desk.call('POST', '/api/correspondents', {
    name: `Lucia ${word('kim')}`,
    title: 'Moscow Correspondent',
    bureau: 'Moscow',
    slug: word('lucia'),
    bio: '<p>Covers Russia.</p>',
    socialLinks: [
      { label: 'Bluesky', url: 'https://bsky.app/profile/lucia.example' },
      { label: 'Website', url: 'https://lucia.example/' },
    ],
  });
  correspondent = await desk.call('POST', `/api/correspondents/${correspondent.id}/publish`, { version: correspondent.version });
  const tag = await desk.tag(`Courts ${word('tag')}`);
  const program = await createProgram(app, token);
  const media = await upload(app, token, png(300, 200), {
    name: 'court.png',
    type: 'image/png',
    fields: { alt: 'The court', credit: 'Photo: Desk' },
  });
  expect(media.status).toBe(201);
  await renditionsSettled(app, token, media.body.id);
  const audioUrl = `https://cdn.radio.example/${word('audio')}.mp3`;
  const assetId = await insertExternalAudio(app.db, { url: audioUrl, durationMs: 61_500, byteSize: 984_000 });
  let story = await desk.publish(
    await desk.story({
      headline: `Court rules & the "city" ${word('head')}`,
      teaser: 'The ruling, explained.',
      dateline: 'MOSCOW',
      body: {
        type: 'doc',
        content: [
          { type: 'paragraph', content: [{ type: 'text', text: 'The court ruled.' }] },
          { type: 'image', attrs: { src: `/api/media/${media.body.id}`, alt: 'The court', credit: 'Photo: Desk' } },
        ],
      },
      bylineIds: [correspondent.id, app.bylineId],
      tagIds: [tag.id],
      programId: program.id,
      audio: [{ assetId }],
    }),
  );
  story = await desk.call('POST', `/api/stories/${story.id}/corrections`, {
    version: story.version,
    text: 'An earlier version misnamed the court.',
  });
  // A live story three days old: in the stories sitemap, not in the News one.
  const old = await desk.publish(await desk.story({ headline: `Old ${word('old')}`, body: doc('Old news.') }));
  await app.db.query(`UPDATE stories SET published_at = now() - interval '3 days', updated_at = now() - interval '3 days' WHERE id = $1`, [
    old.id,
  ]);
  Object.assign(live, { story, old, correspondent, tag, program, mediaId: media.body.id, audioUrl });

  // What must never show: every non-live state of a story, each carrying a hidden tag, program and draft byline.
  const future = new Date(Date.now() + 7 * 86_400_000).toISOString();
  const hiddenTag = await desk.tag(`Secret ${word('hiddentag')}`);
  hidden.push({ state: 'tag only on hidden stories', secret: hiddenTag.slug });
  const hiddenProgram = await createProgram(app, token);
  hidden.push({ state: 'program only of hidden stories', secret: hiddenProgram.slug });
  const draftProfile = await desk.call('POST', '/api/correspondents', {
    name: `Dana ${word('draftcorr')}`,
    title: 'Desk',
    bureau: 'Kyiv',
    slug: word('draftprofile'),
  });
  hidden.push({ state: 'correspondent profile in draft', secret: draftProfile.slug });
  let gone = await desk.call('POST', '/api/correspondents', {
    name: `Gale ${word('gone')}`,
    title: 'Desk',
    bureau: 'Lagos',
    slug: word('goneprofile'),
    bio: '<p>Covers Lagos.</p>',
  });
  gone = await desk.call('POST', `/api/correspondents/${gone.id}/publish`, { version: gone.version });
  // Read while published (the cache holds it), then unpublished.
  expect((await get('/sitemaps/correspondents.xml')).text).toContain(gone.slug);
  await desk.call('POST', `/api/correspondents/${gone.id}/unpublish`, { version: gone.version });
  hidden.push({ state: 'correspondent profile unpublished', secret: gone.slug });

  const hiddenStory = async (state: string, hide: (created: Body) => Promise<unknown>) => {
    const slug = word('hidden');
    const created = await desk.story({
      headline: `Hidden ${slug}`,
      slug,
      tagIds: [hiddenTag.id],
      programId: hiddenProgram.id,
      bylineIds: [draftProfile.id],
    });
    await hide(created);
    hidden.push({ state: `story: ${state}`, secret: slug });
  };
  /** Published and read in every sitemap (cached) first. */
  const wasLive = async (created: Body) => {
    const published = await desk.publish(created);
    for (const path of ['/sitemap.xml', '/sitemaps/news.xml', '/sitemaps/stories.xml', '/sitemaps/tags.xml', '/sitemaps/programs.xml']) {
      const answer = await get(path);
      expect({ path, status: answer.status, text: answer.status === 200 ? '' : answer.text }).toEqual({ path, status: 200, text: '' });
    }
    expect((await get('/sitemaps/news.xml')).text).toContain(created.slug);
    return published;
  };
  await hiddenStory('draft', async () => undefined);
  await hiddenStory('in review', (s) => desk.transition(s, 'submit'));
  await hiddenStory('scheduled in the future', (s) => desk.publish(s, future));
  await hiddenStory('unpublished', async (s) => desk.transition(await wasLive(s), 'unpublish'));
  await hiddenStory('published, then embargoed', async (s) => {
    const published = await wasLive(s);
    await desk.call('PUT', `/api/stories/${s.id}/embargo`, { version: published.version, embargoUntil: future });
  });
  await hiddenStory('published under an embargo', async (s) =>
    desk.publish(await desk.call('PUT', `/api/stories/${s.id}/embargo`, { version: s.version, embargoUntil: future })),
  );
  await hiddenStory('deleted after being published', async (s) => desk.remove(await wasLive(s)));
}, 180_000);

afterAll(async () => {
  await app?.close();
  rmSync(mediaDir, { recursive: true, force: true });
});

describe('robots.txt', () => {
  it('names the sitemap index at the configured site, and lets crawlers read every URL the sitemaps list', async () => {
    const robots = await get('/robots.txt');
    expect(robots.status).toBe(200);
    expect(robots.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(robots.text).toMatch(/^User-agent: \*$/m);
    expect(robots.text.match(/^Sitemap: (.+)$/m)?.[1]).toBe(`${SITE}/sitemap.xml`);
    expect(robotsAllows(robots.text, '/api/stories')).toBe(false);
    expect(robotsAllows(robots.text, '/api/public/stories/x')).toBe(true);
    const { files } = await crawl();
    const urls = files.flatMap((file) => file.reading.locs);
    expect(urls.length).toBeGreaterThan(3);
    expect(urls.filter((url) => !robotsAllows(robots.text, new URL(url).pathname))).toEqual([]);
  });
});

describe('sitemaps', () => {
  it('keeps every rule of the sitemap protocol and Google News in every file the index lists', async () => {
    const { read, files, problems } = await crawl();
    expect(problems).toEqual([]);
    expect(read.locs).toEqual([
      `${SITE}/sitemaps/news.xml`,
      `${SITE}/sitemaps/stories.xml`,
      `${SITE}/sitemaps/correspondents.xml`,
      `${SITE}/sitemaps/tags.xml`,
      `${SITE}/sitemaps/programs.xml`,
    ]);
    for (const entry of read.entries) expect(entry.lastmod).toMatch(W3C_DATETIME);
    const byUrl = Object.fromEntries(files.map((file) => [new URL(file.url).pathname, file.reading]));
    // Exactly the live records, at their configured public URLs.
    expect(new Set(byUrl['/sitemaps/stories.xml']!.locs)).toEqual(
      new Set([`${SITE}/news/${live.story.slug}`, `${SITE}/news/${live.old.slug}`]),
    );
    expect(byUrl['/sitemaps/correspondents.xml']!.locs).toEqual([`${SITE}/people/${live.correspondent.slug}`]);
    expect(byUrl['/sitemaps/tags.xml']!.locs).toEqual([`${SITE}/topics/${live.tag.slug}`]);
    expect(byUrl['/sitemaps/programs.xml']!.locs).toEqual([`${SITE}/shows/${live.program.slug}?from=sitemap&view=all`]);
    // The News sitemap: the last 48 hours only, with the publication and the headline as written.
    const news = byUrl['/sitemaps/news.xml']!;
    expect(news.entries).toEqual([
      {
        loc: `${SITE}/news/${live.story.slug}`,
        title: live.story.headline,
        publicationDate: live.story.publishedAt,
        name: PUBLISHER,
        language: 'en',
      },
    ]);
    // A story's lastmod is its last change (the correction), not the time of the request.
    const storyEntry = byUrl['/sitemaps/stories.xml']!.entries.find((entry) => entry.loc.endsWith(live.story.slug))!;
    expect(storyEntry.lastmod).toBe(live.story.updatedAt);
  });

  it('lists no record that is not live: drafts, review, scheduled, embargoed, unpublished, deleted, unpublished profiles', async () => {
    expect(hidden.length).toBe(11);
    const { index, files } = await crawl();
    const texts = [index.text, ...files.map((file) => file.text)].join('\n');
    expect(hidden.filter((record) => texts.includes(record.secret))).toEqual([]);
  });

  it('takes its URLs from configuration, never from the Host or X-Forwarded-* headers (no cache poisoning)', async () => {
    for (const path of [
      '/robots.txt',
      '/sitemap.xml',
      '/sitemaps/news.xml',
      '/sitemaps/stories.xml',
      `/api/public/stories/${live.story.slug}`,
    ]) {
      const answer = await get(path, { 'X-Forwarded-Host': 'evil.example', 'X-Forwarded-Proto': 'http', Forwarded: 'host=evil.example' });
      expect(answer.status).toBe(200);
      expect(answer.text).not.toContain('evil.example');
    }
  });

  it('answers through the public cache: an ETag, 304 on If-None-Match, Cache-Control public', async () => {
    for (const path of [
      '/robots.txt',
      '/sitemap.xml',
      '/sitemaps/news.xml',
      '/sitemaps/tags.xml',
      `/api/public/stories/${live.story.slug}.ninjs.json`,
    ]) {
      const first = await get(path);
      const etag = first.headers.get('etag')!;
      expect(etag).toMatch(/^W\/"/);
      expect(first.headers.get('cache-control')).toMatch(/^public, max-age=\d+/);
      const again = await get(path, { 'If-None-Match': etag });
      expect({ path, status: again.status }).toEqual({ path, status: 304 });
    }
  });

  it('lets nobody keep the News sitemap past the second its oldest story leaves the 48-hour window', async () => {
    const leaving = await desk.publish(await desk.story({ headline: `Leaving ${word('leaving')}`, body: doc('x') }));
    await app.db.query(`UPDATE stories SET published_at = now() - interval '47 hours 59 minutes 30 seconds' WHERE id = $1`, [leaving.id]);
    expect((await get('/sitemaps/news.xml')).text).toContain(leaving.slug);
    for (const path of ['/sitemaps/news.xml', '/sitemap.xml']) {
      const cacheControl = (await get(path)).headers.get('cache-control') ?? '';
      const seconds = (name: string) => Number(new RegExp(`${name}=(\\d+)`).exec(cacheControl)?.[1] ?? 0);
      // Fresh and stale together end when the story leaves the window (in at most 30 s).
      expect({ path, cacheControl, within: seconds('max-age') + seconds('stale-while-revalidate') <= 30 }).toMatchObject({
        path,
        within: true,
      });
    }
    await desk.remove(await desk.call('GET', `/api/stories/${leaving.id}`));
  });

  it('refuses bad page numbers and unknown parameters with 400 problem+json naming the field; a page past the end is a 404', async () => {
    const bad = ['0', '-1', 'abc', '1.5', '100001', '', '%00', '9'.repeat(400)];
    for (const route of ['news', 'stories', 'correspondents', 'tags', 'programs']) {
      for (const value of bad) {
        const answer = await get(`/sitemaps/${route}.xml?page=${value}`);
        expect({ route, value, status: answer.status }).toEqual({ route, value, status: 400 });
        expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(JSON.parse(answer.text).errors.map((error: { field: string }) => error.field)).toEqual(['page']);
      }
      const twice = await get(`/sitemaps/${route}.xml?page=1&page=2`);
      expect(twice.status).toBe(400);
      const unknown = await get(`/sitemaps/${route}.xml?cb=1`);
      expect(unknown.status).toBe(400);
      expect(JSON.parse(unknown.text).errors.map((error: { field: string }) => error.field)).toEqual(['cb']);
      const past = await get(`/sitemaps/${route}.xml?page=2`);
      expect({ route, status: past.status }).toEqual({ route, status: 404 });
      expect(past.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
    for (const path of ['/sitemap.xml?page=1', '/robots.txt?x=1']) expect((await get(path)).status).toBe(400);
  });

  it('keeps a sitemap file under 50 MB with 50,000 of the longest URLs a template can make, or holds fewer', () => {
    const short = urlsPerSitemap(`${SITE}/news/{slug}`);
    expect(short).toBe(SITEMAP_MAX_URLS);
    // A 1,500-character template (the configuration's maximum): fewer URLs per file, never more than 50 MB.
    const prefix = `${SITE}/${'a&b/'.repeat(366)}`;
    const template = `${prefix}${'c'.repeat(1500 - prefix.length - '{slug}'.length)}{slug}`;
    expect(template).toHaveLength(1500);
    const perFile = urlsPerSitemap(template);
    expect(perFile).toBeLessThan(SITEMAP_MAX_URLS);
    const longest = template.replace('{slug}', 'x'.repeat(SLUG_MAX));
    const text = urlsetXml(Array.from({ length: perFile }, () => ({ loc: longest, lastmod: '2026-12-06T09:00:00.000Z' })));
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(SITEMAP_MAX_BYTES);
    expect(Buffer.byteLength(text)).toBeGreaterThan(SITEMAP_MAX_BYTES * 0.99);
  }, 60_000);
});

describe('schema.org JSON-LD', () => {
  /** Google's Article structured data: every property is recommended, none required; these are the recommended ones and its guidelines. */
  it("carries a NewsArticle with Google's recommended properties on every public story", async () => {
    const answer = await app.request('GET', `/api/public/stories/${live.story.slug}`);
    expect(answer.status).toBe(200);
    const ld = answer.body.jsonLd as Exclude<WithContext<NewsArticle>, string> & Record<string, Body>;
    expect(ld['@context']).toBe('https://schema.org');
    expect(ld['@type']).toBe('NewsArticle');
    // headline: the article's title, as written.
    expect(ld.headline).toBe(live.story.headline);
    // datePublished / dateModified: ISO 8601 with a time zone; modified not before published.
    expect(ld.datePublished).toBe(live.story.publishedAt);
    expect(ld.dateModified).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
    expect(Date.parse(String(ld.dateModified))).toBeGreaterThanOrEqual(Date.parse(String(ld.datePublished)));
    // author: Person, the name only (no "By", no title in it), url to the author's page when there is one.
    expect(ld.author).toEqual([
      {
        '@type': 'Person',
        name: live.correspondent.name,
        url: `${SITE}/people/${live.correspondent.slug}`,
        jobTitle: 'Moscow Correspondent',
      },
      { '@type': 'Person', name: 'Tess Reporter', jobTitle: 'Correspondent' },
    ]);
    // image: crawlable absolute URLs, at least 50,000 pixels (width x height).
    expect(ld.image).toHaveLength(1);
    const image = (ld.image as Body[])[0];
    expect(image).toMatchObject({
      '@type': 'ImageObject',
      url: `${app.config.PUBLIC_API_URL}/api/media/${live.mediaId}`,
      caption: 'The court',
      creditText: 'Photo: Desk',
    });
    expect(Number(image.width) * Number(image.height)).toBeGreaterThanOrEqual(50_000);
    // publisher: the configured organisation and logo.
    expect(ld.publisher).toEqual({ '@type': 'Organization', name: PUBLISHER, logo: { '@type': 'ImageObject', url: `${SITE}/logo.png` } });
    // correction: CorrectionComment entries; audio: AudioObject with an ISO 8601 duration.
    expect(ld.correction).toEqual([
      {
        '@type': 'CorrectionComment',
        text: 'An earlier version misnamed the court.',
        datePublished: answer.body.corrections[0].correctedAt,
      },
    ]);
    expect(ld.audio).toEqual([
      {
        '@type': 'AudioObject',
        name: 'Test audio',
        contentUrl: live.audioUrl,
        encodingFormat: 'audio/mpeg',
        duration: 'PT61.5S',
        contentSize: '984000',
      },
    ]);
    expect(ld.url).toBe(`${SITE}/news/${live.story.slug}`);
    expect(ld.mainEntityOfPage).toBe(ld.url);
    expect(ld.keywords).toEqual([live.tag.name]);
    expect(ld.dateline).toBe('MOSCOW');
  });

  it('carries a Person on every public correspondent, sameAs their profile links', async () => {
    const answer = await app.request('GET', `/api/public/correspondents/${live.correspondent.slug}`);
    expect(answer.status).toBe(200);
    const ld = answer.body.jsonLd as Exclude<WithContext<Person>, string> & Record<string, Body>;
    expect(ld).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Person',
      name: live.correspondent.name,
      url: `${SITE}/people/${live.correspondent.slug}`,
      jobTitle: 'Moscow Correspondent',
      workLocation: { '@type': 'Place', name: 'Moscow' },
      worksFor: { '@type': 'Organization', name: PUBLISHER },
      sameAs: ['https://bsky.app/profile/lucia.example', 'https://lucia.example/'],
    });
  });
});

describe('ninjs 2.1', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false }); // required names properties of the $ref'd item;
  // ajv-formats is CommonJS: its function is the module or its `default`, depending on the loader.
  const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => void;
  addFormats(ajv);
  const validate = ajv.compile(NINJS_2_1_SCHEMA);

  it('serves a live story as ninjs that the IPTC 2.1 rules accept, with its content mapped', async () => {
    const answer = await get(`/api/public/stories/${live.story.slug}.ninjs.json`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const item = JSON.parse(answer.text);
    expect(validate(item) ? [] : validate.errors).toEqual([]);
    expect(item.uri).toBe(`urn:uuid:${live.story.id}`);
    expect(item.standard).toEqual({ name: 'ninjs', version: '2.1', schema: 'http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json' });
    expect(item.headlines).toEqual([{ role: 'main', contenttype: 'text/plain', value: live.story.headline }]);
    expect(item.located).toBe('MOSCOW');
    expect(item.by).toBe(`${live.correspondent.name} and Tess Reporter`);
    expect(item.versioncreated).toBe(live.story.updatedAt);
    expect(item.firstcreated).toBe(live.story.publishedAt);
    expect(item.subjects).toEqual([
      { name: live.tag.name, uri: `${SITE}/topics/${live.tag.slug}`, literal: live.tag.slug, rel: 'subject' },
    ]);
    expect(item.descriptions.map((d: { role: string }) => d.role)).toEqual(['summary', 'correction']);
    expect(item.renditions[0]).toMatchObject({ name: 'web', href: `${SITE}/news/${live.story.slug}`, contenttype: 'text/html' });
    expect(item.associations.map((a: { type: string }) => a.type)).toEqual(['picture', 'audio']);
    expect(item.associations[1].renditions[0]).toMatchObject({ href: live.audioUrl, duration: 61.5, sizeinbytes: 984_000 });
  });

  it('has a schema that can fail: a missing uri, a wrong type, an unknown property are refused', () => {
    expect(validate({ type: 'text' })).toBe(false);
    expect(validate({ uri: 'urn:x:1', type: 'article' })).toBe(false);
    expect(validate({ uri: 'urn:x:1', headline: 'not a ninjs field' })).toBe(false);
    expect(validate({ uri: 'urn:x:1', associations: [{ uri: 'urn:x:2' }] })).toBe(false);
    expect(validate({ uri: 'urn:x:1', renditions: [{ href: 'https://x.example/a' }] })).toBe(false);
    expect(validate({ uri: 'urn:x:1' })).toBe(true);
  });

  it('keeps its uri when the slug changes; the old slug answers 301 to the new ninjs; hidden stories are 404', async () => {
    const story = await desk.publish(await desk.story({ headline: `Renamed ${word('renamed')}`, body: doc('x') }));
    const before = JSON.parse((await get(`/api/public/stories/${story.slug}.ninjs.json`)).text);
    const renamed = await desk.edit(story, { slug: word('newslug') });
    const moved = await get(`/api/public/stories/${story.slug}.ninjs.json`);
    expect(moved.status).toBe(301);
    expect(moved.headers.get('location')).toBe(`/api/public/stories/${renamed.slug}.ninjs.json`);
    const after = JSON.parse((await get(`/api/public/stories/${renamed.slug}.ninjs.json`)).text);
    expect(after.uri).toBe(before.uri);
    expect(Number(after.version)).toBeGreaterThan(Number(before.version));
    for (const record of hidden.filter((h) => h.state.startsWith('story'))) {
      const answer = await get(`/api/public/stories/${record.secret}.ninjs.json`);
      expect({ record: record.state, status: answer.status }).toEqual({ record: record.state, status: 404 });
      expect(answer.text).not.toContain('Hidden');
    }
    for (const path of [`/api/public/stories/${renamed.slug}.ninjs.json?x=1`, '/api/public/stories/NOT_A_SLUG.ninjs.json'])
      expect((await get(path)).status).toBeLessThan(500);
  });
});

describe('more than 50,000 URLs', () => {
  it('pages a kind into several files of at most 50,000 URLs, all listed by the index, each URL once', async () => {
    // 50,001 live stories more (inserted in bulk: the API's writes would take minutes), published before the others.
    await app.db.query(
      `INSERT INTO stories (slug, headline, status, published_at, updated_at)
       SELECT 'bulk-' || g, 'Bulk ' || g, 'published', now() - interval '30 days' - g * interval '1 second', now() - interval '30 days'
         FROM generate_series(1, 50001) g`,
    );
    // A figure, not an assertion: how long the index and a full file take to build (cache emptied by the insert).
    const timed = async (path: string) => {
      const started = performance.now();
      const answer = await get(path);
      return `${path} ${Math.round(performance.now() - started)} ms, ${answer.text.length} bytes`;
    };
    process.stdout.write(`open web, ${50_001} extra stories: ${await timed('/sitemap.xml')}; ${await timed('/sitemaps/stories.xml')}\n`);
    const { read, files, problems } = await crawl();
    expect(problems).toEqual([]);
    expect(read.locs.filter((url) => url.includes('/sitemaps/stories.xml'))).toEqual([
      `${SITE}/sitemaps/stories.xml`,
      `${SITE}/sitemaps/stories.xml?page=2`,
    ]);
    const [{ count }] = await app.db.query(`SELECT count(*)::int AS count FROM stories s WHERE ${LIVE_SQL}`);
    expect(count).toBeGreaterThan(50_001);
    const stories = files.filter((file) => file.url.includes('/sitemaps/stories.xml'));
    expect(stories.map((file) => file.reading.locs.length)).toEqual([50_000, count - 50_000]);
    const all = stories.flatMap((file) => file.reading.locs);
    expect(new Set(all).size).toBe(count);
    expect(all).toContain(`${SITE}/news/${live.story.slug}`);
    // Oldest first: the newest stories are on the last page.
    expect(stories[1]!.reading.locs).toContain(`${SITE}/news/${live.story.slug}`);
    for (const file of stories) expect(Buffer.byteLength(file.text)).toBeLessThanOrEqual(SITEMAP_MAX_BYTES);
    expect((await get('/sitemaps/stories.xml?page=3')).status).toBe(404);
    // The News sitemap is untouched by a month-old backlog.
    const news = files.find((file) => file.kind === 'news')!.reading.locs;
    expect(news).toContain(`${SITE}/news/${live.story.slug}`);
    expect(news.filter((url) => url.includes('/bulk-'))).toEqual([]);
  }, 300_000);
});
