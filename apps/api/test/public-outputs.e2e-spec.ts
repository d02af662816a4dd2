import { XMLParser } from 'fast-xml-parser';
import { Parser } from 'htmlparser2';
import { readdirSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { ENDPOINT_LIST as OPERATIONS } from '@newsdesk/contracts';
import { startTestApp, type TestApp } from './support/app.js';
import { Desk, doc, word } from './support/desk.js';
import { XSS_PAYLOADS } from './support/xss.js';

/**
 * Issue #12, findings 5 (feed cache poisoning through Host), 6 (stored XSS through search
 * snippets), 10 (tag names of hidden stories), and staff answers' Cache-Control. The leak matrix
 * (test/leak-matrix.e2e-spec.ts) covers every hidden state on every public route.
 */

const API = 'https://news.example.org';
const SITE = 'https://www.example.org/';
const STORY_URL = 'https://www.example.org/stories/{slug}';

let app: TestApp;
let desk: Desk;
let adminToken: string;
beforeAll(async () => {
  // TRUST_PROXY on: the attacker's X-Forwarded-Host / -Proto would then be believed by Fastify.
  app = await startTestApp({ PUBLIC_API_URL: `${API}/`, PUBLIC_SITE_URL: SITE, STORY_URL_TEMPLATE: STORY_URL, TRUST_PROXY: 'true' });
  desk = new Desk(app, (await app.signIn(['editor'])).token);
  adminToken = (await app.signIn(['admin'])).token;
});
afterAll(async () => {
  await app?.close();
});

/** GET with raw headers (fetch will not send a Host of our choosing). */
function rawGet(
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  const url = new URL(app.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path, method: 'GET', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end();
  });
}

const POISON = {
  host: 'evil.example',
  'x-forwarded-host': 'evil.example',
  'x-forwarded-proto': 'gopher',
  'x-forwarded-port': '6666',
  forwarded: 'host=evil.example;proto=gopher',
};

/** Every absolute URL in a feed (outside XML namespace declarations and the JSON Feed version). */
function absoluteUrls(text: string): string[] {
  const known = new Set([
    'http://www.w3.org/2005/Atom',
    'http://purl.org/rss/1.0/modules/content/',
    'http://search.yahoo.com/mrss/',
    'https://jsonfeed.org/version/1.1',
  ]);
  return (text.match(/[a-z][a-z0-9+.-]*:\/\/[^\s"'<>\\]+/gi) ?? []).filter((url) => !known.has(url));
}

describe('feeds (finding 5)', () => {
  let tagSlug: string;
  let storySlug: string;
  beforeAll(async () => {
    const tag = await desk.tag(`Feeds ${word()}`);
    tagSlug = tag.slug;
    const story = await desk.story({
      headline: `Feed story ${word()}`,
      tagIds: [tag.id],
      body: doc('A link: https://www.example.org/stories/elsewhere'),
    });
    storySlug = story.slug;
    await desk.publish(story);
  });

  /** Every feed route of the route table, with a path to request it by. */
  const feedPaths = () => {
    const routes = OPERATIONS.filter((op) => op.method === 'get' && op.path.startsWith('/api/public/feeds/'));
    expect(routes.map((op) => op.path).sort()).toEqual([
      '/api/public/feeds/latest.json',
      '/api/public/feeds/latest.rss',
      '/api/public/feeds/tags/{file}',
    ]);
    return routes.flatMap((op) =>
      op.path.includes('{file}') ? [`/api/public/feeds/tags/${tagSlug}.rss`, `/api/public/feeds/tags/${tagSlug}.json`] : [op.path],
    );
  };

  it('takes every absolute URL from configuration: a poisoned Host, then a normal request, gives the configured URLs (RSS and JSON, every feed route)', async () => {
    const paths = feedPaths();
    expect(paths).toHaveLength(4);
    for (const path of paths) {
      // The poisoned request fills the cache and the normal one is served what it left. The
      // publication's own notification may still be on its way and empty the cache in between:
      // then both are sent again, until the normal request is served from the cache.
      let poisoned = await rawGet(path, POISON);
      let normal = await rawGet(path, { host: new URL(app.url).host });
      for (let attempt = 0; attempt < 50 && normal.headers['x-cache'] !== 'hit'; attempt++) {
        poisoned = await rawGet(path, POISON);
        normal = await rawGet(path, { host: new URL(app.url).host });
      }
      expect(poisoned.status).toBe(200);
      expect(poisoned.text).not.toMatch(/evil\.example|gopher|6666/);
      expect(normal.status).toBe(200);
      expect(normal.headers['x-cache']).toBe('hit');
      expect(normal.text).toBe(poisoned.text);
      const urls = absoluteUrls(normal.text);
      expect(urls.length).toBeGreaterThanOrEqual(3);
      for (const url of urls) expect([API, SITE.replace(/\/$/, '')].some((prefix) => url.startsWith(prefix))).toBe(true);

      if (path.endsWith('.json')) {
        const feed = JSON.parse(normal.text);
        expect(feed.feed_url).toBe(`${API}${path}`);
        expect(feed.home_page_url).toBe(SITE);
        expect(feed.items[0].url).toBe(STORY_URL.replace('{slug}', storySlug));
      } else {
        const rss = new XMLParser({ ignoreAttributes: false }).parse(normal.text);
        expect(rss.rss.channel['atom:link']['@_href']).toBe(`${API}${path}`);
        expect(rss.rss.channel.link).toBe(SITE);
        const items = [rss.rss.channel.item].flat();
        expect(items[0].link).toBe(STORY_URL.replace('{slug}', storySlug));
      }
    }
  });

  it('keeps its self link canonical whatever query string the request carried', async () => {
    const response = await rawGet('/api/public/feeds/latest.json?x=%22evil.example', POISON);
    if (response.status === 200) expect(JSON.parse(response.text).feed_url).toBe(`${API}/api/public/feeds/latest.json`);
    else expect(response.status).toBe(400);
    expect(response.text).not.toMatch(/evil\.example"/);
  });

  it('reads no Host, X-Forwarded-* or protocol of a request anywhere in the API source', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) files.push(path);
      }
    };
    walk(join(import.meta.dirname, '../src'));
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.filter((file) =>
      /request\.(host|hostname|protocol|port)\b|headers\[?\.?['"]?(host|x-forwarded-host|x-forwarded-proto|forwarded)['"]?\]?/i.test(
        readFileSync(file, 'utf8'),
      ),
    );
    expect(offenders).toEqual([]);
  });
});

/** The element names of an HTML fragment and their attributes, parsed by htmlparser2. */
function elements(html: string): { tags: Array<{ name: string; attributes: string[] }>; text: string } {
  const tags: Array<{ name: string; attributes: string[] }> = [];
  let text = '';
  const parser = new Parser(
    {
      onopentag: (name, attributes) => tags.push({ name, attributes: Object.keys(attributes) }),
      ontext: (chunk) => {
        text += chunk;
      },
      oncomment: () => tags.push({ name: '!comment', attributes: [] }),
      oncdatastart: () => tags.push({ name: '!cdata', attributes: [] }),
      onprocessinginstruction: (name) => tags.push({ name: `?${name}`, attributes: [] }),
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return { tags, text };
}

describe('search snippets (finding 6)', () => {
  const cases: Array<{ payload: string; term: string; slug: string }> = [];
  beforeAll(async () => {
    const speaker = await desk.person(`Snippet Speaker ${word()}`);
    for (const payload of XSS_PAYLOADS) {
      const term = word('snip');
      const story = await desk.story({
        headline: `${payload} ${term} headline`,
        teaser: `${term} ${payload}`,
        body: doc(`Before ${payload} ${term} after ${payload}.`, `${payload}${term}${payload}`),
        transcript: { turns: [Desk.turn(speaker.id, `${term} said ${payload}`)] },
      });
      await desk.publish(story);
      cases.push({ payload, term, slug: story.slug });
    }
  });

  it('has the payload set to test with', () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(20);
  });

  it('answers HTML-escaped text whose only markup is <mark>, on the public search, for every payload', async () => {
    for (const { term, slug, payload } of cases) {
      const response = await app.request('GET', `/api/public/search?q=${term}`);
      expect(response.status).toBe(200);
      const item = response.body.items.find((found: { slug: string }) => found.slug === slug);
      expect(item).toBeDefined();
      const { tags, text } = elements(item.snippet);
      expect({ payload, tags: tags.filter((tag) => tag.name !== 'mark' || tag.attributes.length) }).toEqual({ payload, tags: [] });
      expect(tags.filter((tag) => tag.name === 'mark').length).toBeGreaterThanOrEqual(1);
      expect(text.toLowerCase()).toContain(term);
      // Escaped, not stripped: what the reader sees is the text as written.
      expect(item.snippet).not.toMatch(/<(?!\/?mark>)/);
    }
  });

  it('does the same on the staff search (GET /api/stories?q=)', async () => {
    for (const { term, payload } of cases) {
      const response = await app.request('GET', `/api/stories?q=${term}`, { token: adminToken });
      expect(response.status).toBe(200);
      expect(response.body.items).toHaveLength(1);
      const { tags, text } = elements(response.body.items[0].snippet);
      expect({ payload, tags: tags.filter((tag) => tag.name !== 'mark' || tag.attributes.length) }).toEqual({ payload, tags: [] });
      expect(text.toLowerCase()).toContain(term);
      expect(response.body.items[0].snippet).not.toMatch(/<(?!\/?mark>)/);
    }
  });

  it('keeps the text readable: an escaped angle bracket and ampersand come back as entities, the words marked', async () => {
    const term = word('amp');
    const story = await desk.story({ headline: `Plain text ${word()}`, body: doc(`AT&T <3 ${term} "quoted" 'single' words`) });
    await desk.publish(story);
    const response = await app.request('GET', `/api/public/search?q=${term}`);
    const snippet: string = response.body.items[0].snippet;
    expect(snippet).toContain(`AT&amp;T &lt;3 <mark>${term}</mark> &quot;quoted&quot; &#39;single&#39; words`);
    expect(elements(snippet).text).toContain(`AT&T <3 ${term} "quoted" 'single' words`);
  });

  it('cannot be fooled by the sentinel characters the marks are made from', async () => {
    const term = word('sentinel');
    const story = await desk.story({ headline: `Sentinel ${term}`, body: doc(`x\uE000<img src=x onerror=alert(1)>\uE001 ${term} \uE000`) });
    await desk.publish(story);
    const snippet: string = (await app.request('GET', `/api/public/search?q=${term}`)).body.items[0].snippet;
    const { tags } = elements(snippet);
    expect(tags.length).toBeGreaterThanOrEqual(1);
    expect(tags.filter((tag) => tag.name !== 'mark' || tag.attributes.length)).toEqual([]);
    expect(snippet).not.toMatch(/[\uE000\uE001]/);
  });
});

describe('tags of hidden stories (finding 10)', () => {
  const tagUrls = (slug: string) => [
    `/api/public/tags/${slug}`,
    `/api/public/feeds/tags/${slug}.rss`,
    `/api/public/feeds/tags/${slug}.json`,
  ];
  const statuses = async (slug: string) => Promise.all(tagUrls(slug).map(async (url) => (await app.request('GET', url)).status));

  it('answers 404 for a tag only drafts, reviews or embargoed stories carry, 200 once one is live, 404 again when it is withdrawn', async () => {
    const name = `Minister resigns ${word()}`;
    const tag = await desk.tag(name);
    const draft = await desk.story({ headline: `Draft ${word()}`, tagIds: [tag.id] });
    const review = await desk.transition(await desk.story({ headline: `Review ${word()}`, tagIds: [tag.id] }), 'submit');
    const embargoed = await desk.publish(
      await desk.story({ headline: `Embargo ${word()}`, tagIds: [tag.id] }),
      new Date(Date.now() + 86_400_000).toISOString(),
    );
    expect(embargoed.status).toBe('scheduled');
    expect(review.status).toBe('in_review');
    expect(draft.status).toBe('draft');
    expect(await statuses(tag.slug)).toEqual([404, 404, 404]);
    for (const url of tagUrls(tag.slug)) expect((await app.request('GET', url)).text).not.toContain(name);

    const live = await desk.publish(draft);
    expect(await statuses(tag.slug)).toEqual([200, 200, 200]);
    expect((await app.request('GET', `/api/public/tags/${tag.slug}`)).body.tag.name).toBe(name);

    await desk.transition(live, 'unpublish');
    expect(await statuses(tag.slug)).toEqual([404, 404, 404]);
  });

  it("redirects a renamed or merged-away tag's old slug only while the tag it points to is public", async () => {
    const survivor = await desk.tag(`Survivor ${word()}`);
    const merged = await desk.tag(`Merged ${word()}`);
    const renamedFrom = survivor.slug;
    const renamed = await desk.call('PATCH', `/api/tags/${survivor.id}`, { version: survivor.version, slug: `renamed-${word()}` });
    await desk.call('POST', `/api/tags/${merged.id}/merge`, { intoId: survivor.id, version: merged.version });
    const story = await desk.story({ headline: `Hidden ${word()}`, tagIds: [survivor.id] });
    for (const old of [renamedFrom, merged.slug]) {
      const hidden = await fetch(`${app.url}/api/public/tags/${old}`, { redirect: 'manual' });
      expect(hidden.status).toBe(404);
      expect(hidden.headers.get('location')).toBeNull();
      expect(await hidden.text()).not.toContain(renamed.slug);
    }
    await desk.publish(story);
    for (const old of [renamedFrom, merged.slug]) {
      const moved = await fetch(`${app.url}/api/public/tags/${old}`, { redirect: 'manual' });
      expect(moved.status).toBe(301);
      expect(moved.headers.get('location')).toBe(`/api/public/tags/${renamed.slug}`);
    }
  });

  it('answers 404 for a person only hidden stories quote, and shows them once one is live', async () => {
    const person = await desk.person(`Quoted Source ${word()}`);
    const story = await desk.story({ headline: `Quote ${word()}`, transcript: { turns: [Desk.turn(person.id, 'Off the record.')] } });
    await desk.transition(story, 'submit');
    expect((await app.request('GET', `/api/public/people/${person.slug}`)).status).toBe(404);
    const fresh = await desk.call('GET', `/api/stories/${story.id}`);
    await desk.publish(fresh);
    expect((await app.request('GET', `/api/public/people/${person.slug}`)).body.displayName).toBe(person.displayName);
  });
});

describe('staff answers are never stored by a cache', () => {
  const staff = OPERATIONS.filter((op) => op.permission !== 'public');
  const fill = (path: string) => path.replace(/\{\w+\}/g, '8d1f6e55-4a8b-4c7e-9d3c-1f2e3a4b5c6d');

  it('sends Cache-Control: no-store on every staff route, on the 401 of an anonymous call', async () => {
    expect(staff.length).toBeGreaterThan(40);
    for (const op of staff) {
      const response = await app.request(op.method.toUpperCase(), fill(op.path), { body: op.method === 'get' ? undefined : {} });
      expect({ route: `${op.method} ${op.path}`, status: response.status, cacheControl: response.headers.get('cache-control') }).toEqual({
        route: `${op.method} ${op.path}`,
        status: 401,
        cacheControl: 'no-store',
      });
    }
  });

  it('sends it on successes, validation errors, missing records and unknown staff paths too', async () => {
    const gets = staff.filter((op) => op.method === 'get' && !op.path.includes('{'));
    expect(gets.length).toBeGreaterThan(5);
    for (const op of gets) {
      const response = await app.request('GET', op.path, { token: adminToken });
      expect({ route: op.path, answered: response.status < 500, cacheControl: response.headers.get('cache-control') }).toEqual({
        route: op.path,
        answered: true,
        cacheControl: 'no-store',
      });
    }
    const answers = await Promise.all([
      app.request('GET', '/api/stories?limit=0', { token: adminToken }),
      app.request('GET', '/api/stories/8d1f6e55-4a8b-4c7e-9d3c-1f2e3a4b5c6d', { token: adminToken }),
      app.request('GET', '/api/no-such-route', { token: adminToken }),
      app.request('POST', '/api/auth/login', { body: { email: 'nobody@example.org', password: 'wrong-password-1' } }),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([400, 404, 404, 401]);
    for (const answer of answers) expect(answer.headers.get('cache-control')).toBe('no-store');
  });

  it('leaves public answers and the API documentation cacheable', async () => {
    for (const path of ['/api/public/stories', '/api/public/stations', '/api/docs/swagger-ui.css']) {
      const response = await app.request('GET', path);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toMatch(/^public, max-age=\d+/);
    }
  });
});
