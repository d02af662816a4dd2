import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestApp, type TestApp } from './support/app.js';
import { assertBuilt, startApiProcess, type ApiProcess } from './support/processes.js';

/**
 * A publish storm (issue #16, item 5): 200 stories scheduled through the API for the same second,
 * two API processes (public cache on, outbox worker on both). Before the second none of them is on
 * any public path of either process; every request that starts after it sees all of them (story by
 * slug, the latest list, the tag page, search); each story's story.published event is handled
 * exactly once (the ledger, pg-boss's jobs) and its webhook delivered once. No timing is asserted:
 * the figures are the bench's (`npm run bench -- --storm N`, docs/performance.md).
 */
const COUNT = 200;
let app: TestApp;
let receiver: Server;
const deliveries: Array<{ id: string; type: string; storyId: string }> = [];
const processes: ApiProcess[] = [];

beforeAll(async () => {
  assertBuilt();
  app = await startTestApp({ OUTBOX_WORKER: 'false' });
  receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const event = JSON.parse(body);
      deliveries.push({ id: String(request.headers['x-newsdesk-delivery']), type: event.type, storyId: event.storyId });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
}, 60_000);

afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
  await new Promise((done) => receiver?.close(done));
  await app?.close();
});

async function inParallel<T>(count: number, width: number, work: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) {
        const i = next++;
        out[i] = await work(i);
      }
    }),
  );
  return out;
}

/** Every item of a paged public list (pages of 100), following nextCursor. */
async function allPages(
  base: string,
  first: string,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- public pages of two shapes (a list, a tag page)
  itemsOf: (body: any) => { items: Array<{ slug: string }>; nextCursor: string | null },
) {
  const slugs: string[] = [];
  let path: string | null = first;
  for (let page = 0; path && page < 10; page++) {
    const response = await fetch(base + path);
    if (response.status !== 200) return { status: response.status, slugs };
    const { items, nextCursor } = itemsOf(await response.json());
    slugs.push(...items.map((item) => item.slug));
    path = nextCursor ? `${first}&cursor=${encodeURIComponent(nextCursor)}` : null;
  }
  return { status: 200, slugs };
}

it('200 stories scheduled for one second: none before it, all on every public path of both processes after it, each event handled and delivered once', async () => {
  const webhook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const env = { WEBHOOK_URLS: webhook, OUTBOX_WORKER: 'true', PUBLIC_CACHE_SECONDS: '60' };
  const pair = await Promise.all([startApiProcess(app.config.DATABASE_URL, env), startApiProcess(app.config.DATABASE_URL, env)]);
  processes.push(...pair);
  const { token } = await app.signIn(['editor']);
  const word = `stormword${Date.now().toString(36).replace(/[0-9]/g, '')}`;
  const tag = (await app.request('POST', '/api/tags', { token, body: { name: `Storm ${word}`, type: 'topic' } })).body;

  const started = Date.now();
  const drafts = await inParallel(COUNT, 8, async (i) => {
    const created = await app.request('POST', '/api/stories', {
      token,
      body: { headline: `Storm ${word} ${i}`, teaser: `Storm ${word} teaser ${i}`, bylineIds: [app.bylineId], tagIds: [tag.id] },
    });
    expect(created.status).toBe(201);
    return created.body as { id: string; slug: string; version: number };
  });
  // Scheduling costs about what creating did: leave three times that, and at least 5 s.
  const at = Math.ceil((Date.now() + Math.max(5000, 3 * (Date.now() - started))) / 1000) * 1000;
  const publishAt = new Date(at).toISOString();
  const scheduled = await inParallel(COUNT, 8, async (i) => {
    const response = await app.request('POST', `/api/stories/${drafts[i]!.id}/publish`, {
      token,
      body: { version: drafts[i]!.version, publishAt },
    });
    expect(response.status).toBe(200);
    return response.body as { status: string; publishedAt: string };
  });
  expect(Date.now()).toBeLessThan(at); // else the later ones were published at once, not scheduled
  expect(new Set(scheduled.map((s) => `${s.status} ${s.publishedAt}`))).toEqual(new Set([`scheduled ${publishAt}`]));
  const ids = drafts.map((d) => d.id);
  const slugs = new Set(drafts.map((d) => d.slug));

  // Before the second, on both processes (their caches filled with the pre-storm answers).
  for (const p of pair) {
    const latest = await allPages(p.url, '/api/public/stories?limit=100', (b) => b);
    expect(latest.slugs.filter((s) => slugs.has(s))).toEqual([]);
    expect((await fetch(`${p.url}/api/public/stories/${drafts[0]!.slug}`)).status).toBe(404);
    expect((await fetch(`${p.url}/api/public/tags/${tag.slug}`)).status).toBe(404);
    const search = await allPages(p.url, `/api/public/search?q=${word}&limit=100`, (b) => b);
    expect(search.slugs).toEqual([]);
  }
  expect(deliveries.filter((d) => ids.includes(d.storyId))).toEqual([]);

  while (Date.now() <= at) await new Promise((done) => setTimeout(done, 20));

  // Every request from now on sees all 200, on every path of both processes.
  for (const p of pair) {
    const bySlug = await inParallel(COUNT, 8, async (i) => (await fetch(`${p.url}/api/public/stories/${drafts[i]!.slug}`)).status);
    expect(bySlug.filter((s) => s !== 200)).toEqual([]);
    const latest = await allPages(p.url, '/api/public/stories?limit=100', (b) => b);
    expect(latest.slugs.slice(0, COUNT).filter((s) => slugs.has(s))).toHaveLength(COUNT);
    const tagged = await allPages(p.url, `/api/public/tags/${tag.slug}?limit=100`, (b) => b.stories);
    expect(new Set(tagged.slugs)).toEqual(slugs);
    const search = await allPages(p.url, `/api/public/search?q=${word}&limit=100`, (b) => b);
    expect(new Set(search.slugs)).toEqual(slugs);
    const feed = (await (await fetch(`${p.url}/api/public/feeds/latest.json`)).json()) as { items: Array<{ url: string }> };
    expect(feed.items.filter((item) => [...slugs].some((s) => item.url.endsWith(s)))).toHaveLength(Math.min(50, COUNT));
  }

  // The outbox drains: one handled story.published per story, in the ledger and in pg-boss.
  for (let i = 0; i < 600; i++) {
    const [row]: Array<{ open: string }> = await app.db.query(
      `SELECT count(*) AS open FROM pgboss.job WHERE name = 'story-events' AND data->>'storyId' = ANY($1) AND state IN ('created', 'retry', 'active')`,
      [ids],
    );
    if (Number(row!.open) === 0) break;
    await new Promise((done) => setTimeout(done, 100));
  }
  await new Promise((done) => setTimeout(done, 2000)); // room for a duplicate to show up
  const ledger: Array<{ story_id: string; n: string; handled_by: string }> = await app.db.query(
    `SELECT story_id, count(*) AS n, min(handled_by) AS handled_by FROM outbox_deliveries
      WHERE story_id = ANY($1) AND event = 'story.published' GROUP BY story_id`,
    [ids],
  );
  expect(ledger).toHaveLength(COUNT);
  expect(ledger.filter((r) => r.n !== '1')).toEqual([]);
  const jobs: Array<{ state: string; n: string }> = await app.db.query(
    `SELECT state::text AS state, count(*) AS n FROM pgboss.job WHERE name = 'story-events' AND data->>'storyId' = ANY($1) GROUP BY 1`,
    [ids],
  );
  expect(jobs).toEqual([{ state: 'completed', n: String(COUNT) }]);
  const received = deliveries.filter((d) => ids.includes(d.storyId));
  expect(received.map((d) => d.type)).toEqual(received.map(() => 'story.published'));
  expect(new Set(received.map((d) => d.storyId)).size).toBe(COUNT);
  expect(new Set(received.map((d) => d.id)).size).toBe(received.length);
  expect(received).toHaveLength(COUNT);
  const byProcess = new Map<string, number>();
  for (const r of ledger) byProcess.set(r.handled_by, (byProcess.get(r.handled_by) ?? 0) + 1);
  console.log(`[figure] storm of ${COUNT}: events handled by ${JSON.stringify(Object.fromEntries(byProcess))}`);
}, 240_000);
