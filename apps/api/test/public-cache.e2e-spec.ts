import { startTestApp, type TestApp } from './support/app.js';
import { assertBuilt, startApiProcess, type ApiProcess } from './support/processes.js';
import { createSegment, createStation } from './support/schedule.js';

/** The in-process cache of public responses: fast, and never stale after a change, in any process. */
let app: TestApp;
let other: ApiProcess;
let editor: string;
beforeAll(async () => {
  assertBuilt();
  app = await startTestApp({ PUBLIC_CACHE_SECONDS: '60' });
  other = await startApiProcess(app.config.DATABASE_URL, { OUTBOX_WORKER: 'false', PUBLIC_CACHE_SECONDS: '60' });
  editor = (await app.signIn(['editor'])).token;
}, 30_000);
afterAll(async () => {
  await other?.stop();
  await app?.close();
});

async function liveStory(headline: string) {
  const story = (await app.request('POST', '/api/stories', { token: editor, body: { headline, bylineIds: [app.bylineId] } })).body;
  return (await app.request('POST', `/api/stories/${story.id}/publish`, { token: editor, body: { version: 1 } })).body;
}

it('serves a hot story from memory, revalidates with 304 without a query, and shows an edit on the next request', async () => {
  const story = await liveStory(`Cached ${Date.now()}`);
  const path = `/api/public/stories/${story.slug}`;
  const first = await app.request('GET', path);
  expect(first.headers.get('x-cache')).toBe('miss');
  const second = await cachedAnswer(path);
  expect(second.headers.get('x-cache')).toBe('hit');
  expect(second.text).toBe(first.text);
  const revalidated = await app.request('GET', path, { headers: { 'if-none-match': first.headers.get('etag')! } });
  expect(revalidated.status).toBe(304);
  expect(revalidated.headers.get('x-cache')).toBe('hit');

  await app.request('PATCH', `/api/stories/${story.id}`, { token: editor, body: { version: story.version, teaser: 'Edited teaser' } });
  const after = await app.request('GET', path);
  expect(after.body.teaser).toBe('Edited teaser');
  expect(after.headers.get('etag')).not.toBe(first.headers.get('etag'));
});

it('sends a found story once: no redirect lookup after the answer, cached or not', async () => {
  const story = await liveStory(`Answered once ${Date.now()}`);
  const path = `/api/public/stories/${story.slug}`;
  // The body statement runs on the pool (a named prepared statement); an old-slug lookup goes
  // through DataSource.query. It used to run after every answer, then throw "reply already sent".
  // (The cache's own statements on a notification go through DataSource.query too: not counted.)
  const db = app.db as unknown as Record<string, unknown>;
  let lookups = 0;
  const query = app.db.query.bind(app.db);
  db.query = (...args: Parameters<typeof query>) => {
    if (/_redirects/.test(String(args[0]))) lookups++;
    return query(...args);
  };
  try {
    // Whatever the cache holds when they arrive (the publish's own notification may clear it).
    // (An unknown query parameter such as `?fresh=` is a 400 now, and cannot bypass the cache.)
    for (const url of [path, path]) {
      const response = await app.request('GET', url);
      expect(response.status).toBe(200);
      expect(response.body.slug).toBe(story.slug);
    }
    const tag = await app.request('GET', `/api/public/tags/no-such-tag-${Date.now()}`);
    expect(tag.status).toBe(404);
  } finally {
    delete db.query;
  }
  // Only the unknown tag's redirect lookup touched DataSource.query.
  expect(lookups).toBe(1);
});

it("drops another process's cached copy when a change commits", async () => {
  const story = await liveStory(`Shared ${Date.now()}`);
  const path = `/api/public/stories/${story.slug}`;
  // The publish's own notification may still be on its way to the other process: warm until a hit.
  let cache: string | null = null;
  for (let i = 0; i < 50 && cache !== 'hit'; i++) {
    cache = (await fetch(other.url + path)).headers.get('x-cache');
    if (cache !== 'hit') await new Promise((done) => setTimeout(done, 20));
  }
  expect(cache).toBe('hit');
  const list = (await (await fetch(`${other.url}/api/public/stories?limit=100`)).json()) as { items: Array<{ slug: string }> };
  expect(list.items.map((item: { slug: string }) => item.slug)).toContain(story.slug);

  await app.request('POST', `/api/stories/${story.id}/unpublish`, { token: editor, body: { version: story.version } });
  // The other process hears of the commit through LISTEN/NOTIFY: within milliseconds.
  let status = 200;
  const deadline = Date.now() + 2000;
  while (status === 200 && Date.now() < deadline) {
    status = (await fetch(other.url + path)).status;
    if (status === 200) await new Promise((done) => setTimeout(done, 10));
  }
  expect(status).toBe(404);
  const after = (await (await fetch(`${other.url}/api/public/stories?limit=100`)).json()) as { items: Array<{ slug: string }> };
  expect(after.items.map((item: { slug: string }) => item.slug)).not.toContain(story.slug);
});

it('lets a scheduled story into cached lists exactly at its second', async () => {
  const story = (
    await app.request('POST', '/api/stories', { token: editor, body: { headline: `Timed ${Date.now()}`, bylineIds: [app.bylineId] } })
  ).body;
  const at = new Date(Date.now() + 5000);
  await app.request('POST', `/api/stories/${story.id}/publish`, { token: editor, body: { version: 1, publishAt: at.toISOString() } });
  const slugs = async () =>
    ((await app.request('GET', '/api/public/stories?limit=100')).body.items as Array<{ slug: string }>).map((item) => item.slug);
  expect(await slugs()).not.toContain(story.slug);
  expect((await app.request('GET', '/api/public/stories?limit=100')).headers.get('x-cache')).toBe('hit');
  await new Promise((done) => setTimeout(done, at.getTime() - Date.now() + 20));
  expect(await slugs()).toContain(story.slug);
});

it('tells a CDN to keep nothing past the next scheduled publication: max-age and stale-while-revalidate end there', async () => {
  const story = (
    await app.request('POST', '/api/stories', { token: editor, body: { headline: `Edge ${Date.now()}`, bylineIds: [app.bylineId] } })
  ).body;
  const at = new Date(Date.now() + 40_000);
  const scheduled = (
    await app.request('POST', `/api/stories/${story.id}/publish`, { token: editor, body: { version: 1, publishAt: at.toISOString() } })
  ).body;
  try {
    for (const path of ['/api/public/stories?limit=5', '/api/public/feeds/latest.rss']) {
      const response = await cachedAnswer(path);
      const cacheControl = response.headers.get('cache-control')!;
      const maxAge = Number(/max-age=(\d+)/.exec(cacheControl)![1]);
      const swr = Number(/stale-while-revalidate=(\d+)/.exec(cacheControl)?.[1] ?? 0);
      const left = Math.ceil((at.getTime() - Date.now()) / 1000);
      expect(maxAge).toBeGreaterThan(0);
      expect(maxAge + swr).toBeLessThanOrEqual(left);
    }
  } finally {
    await app.request('DELETE', `/api/stories/${story.id}?version=${scheduled.version}`, { token: editor });
  }
});

/** Requests `path` of this process until it is served from the cache (a notification in flight may empty it once). */
async function cachedAnswer(path: string) {
  for (let i = 0; ; i++) {
    const response = await app.request('GET', path);
    if (response.headers.get('x-cache') === 'hit' || i === 50) return response;
    await new Promise((done) => setTimeout(done, 20));
  }
}

/** Requests `path` of the other process until it is served from its cache; returns the last X-Cache. */
async function cachedOnOther(path: string): Promise<string | null> {
  for (let i = 0; ; i++) {
    const cache = (await fetch(other.url + path)).headers.get('x-cache');
    if (cache === 'hit' || i === 50) return cache;
    await new Promise((done) => setTimeout(done, 20));
  }
}

/** Polls the other process until `check` holds for its answer (its notification may be on its way). */
async function fromOther(path: string, check: (body: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
  const deadline = Date.now() + 2000;
  for (;;) {
    const body = (await (await fetch(other.url + path)).json()) as Record<string, unknown>;
    if (check(body) || Date.now() > deadline) return body;
    await new Promise((done) => setTimeout(done, 10));
  }
}

it('keeps Now / Next Up until its boundary, and drops it in every process when the schedule changes', async () => {
  const producer = (await app.signIn(['producer'])).token;
  const station = await createStation(app, producer);
  const path = `/api/public/stations/${station.callSign}/now-next`;
  const start = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
  const boundary = new Date(start.getTime() + 64_000);
  await createSegment(app, producer, station.id, start.toISOString(), 64, { title: 'Closing now' });
  await createSegment(app, producer, station.id, boundary.toISOString(), 600, { title: 'Up next' });
  await fromOther(path, (body) => (body.now as { title: string } | null)?.title === 'Closing now');

  const second = await cachedAnswer(path);
  expect(second.headers.get('x-cache')).toBe('hit');
  expect(second.body.now.title).toBe('Closing now');
  // max-age counts down to the boundary (never past it), with no stale-while-revalidate.
  const maxAge = Number(/max-age=(\d+)/.exec(second.headers.get('cache-control')!)![1]);
  expect(maxAge).toBeLessThanOrEqual(Math.ceil((boundary.getTime() - Date.now()) / 1000));
  expect(second.headers.get('cache-control')).not.toContain('stale-while-revalidate');

  // A schedule edit reaches the other process's cached copy.
  const warm = await fromOther(path, (body) => (body.next as { title: string }).title === 'Up next');
  expect((warm.next as { title: string }).title).toBe('Up next');
  expect(await cachedOnOther(path)).toBe('hit');
  await app.db.query(`UPDATE segments SET title = 'Renamed next' WHERE station_id = $1 AND title = 'Up next'`, [station.id]);
  const renamed = await fromOther(path, (body) => (body.next as { title: string }).title === 'Renamed next');
  expect((renamed.next as { title: string }).title).toBe('Renamed next');

  // Cached just before the boundary; at the boundary the next segment is on air.
  const before = await cachedAnswer(path);
  expect(before.headers.get('x-cache')).toBe('hit');
  expect(before.body.now.title).toBe('Closing now');
  await new Promise((done) => setTimeout(done, Math.max(0, boundary.getTime() - Date.now() + 10)));
  const after = await app.request('GET', path);
  expect(after.headers.get('x-cache')).toBe('miss');
  expect(after.body.now.title).toBe('Renamed next');
}, 10_000);

it("drops a cached correspondent page when the profile's photo changes", async () => {
  const [photo]: Array<{ id: string }> = await app.db.query(
    `INSERT INTO media (sha256, content_type, byte_size, width, height, alt, credit)
     VALUES (md5(random()::text) || md5(random()::text), 'image/jpeg', 1, 1, 1, 'Old alt', 'Newsdesk') RETURNING id`,
  );
  // A public photo needs ready renditions (docs/images.md): this one's are declared ready, with none.
  await app.db.query(
    `INSERT INTO image_rendition_jobs (media_id, plan_key, plan, delivery, state, total, finished_at)
     VALUES ($1, repeat('a', 64), '{}', '{"renditions": [], "srcset": {}}', 'ready', 0, now())`,
    [photo!.id],
  );
  await app.db.query(
    `UPDATE correspondents SET photo_id = $2, status = 'published', published_at = now(), bio_html = '<p>Bio</p>' WHERE id = $1`,
    [app.bylineId, photo!.id],
  );
  const [profile]: Array<{ slug: string }> = await app.db.query(`SELECT slug FROM correspondents WHERE id = $1`, [app.bylineId]);
  const path = `/api/public/correspondents/${profile!.slug}`;
  const warm = await fromOther(path, (body) => (body.photo as { alt: string } | null)?.alt === 'Old alt');
  expect((warm.photo as { alt: string }).alt).toBe('Old alt');
  expect(await cachedOnOther(path)).toBe('hit');
  await app.db.query(`UPDATE media SET alt = 'New alt' WHERE id = $1`, [photo!.id]);
  const changed = await fromOther(path, (body) => (body.photo as { alt: string }).alt === 'New alt');
  expect((changed.photo as { alt: string }).alt).toBe('New alt');
});
