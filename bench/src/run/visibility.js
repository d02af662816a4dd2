// Which of a set of stories every public path shows, asked of each API process in passes: the story
// by its slug, the latest-stories list (paged), the stories' tag page (paged), a search for the word
// their headlines share (paged; its best 200) and the JSON feed (50). Used by the publish storm (storm.js) before and
// after the stories' publication second: before it nothing may show (a leak), after it every answer
// to a request that started after the second must show them all (else it is a stale answer).
import http from 'node:http';

export const PATHS = ['story', 'latest', 'tag', 'search', 'feed'];
/** A search answers its best 200 matches (RANKED_MATCHES in apps/api/src/stories/story-search.ts): a storm of more shows 200 there. */
const SEARCH_RANKED = 200;

/** GETs on one server, a few at a time, keep-alive. */
export function getter(base, sockets = 4) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  /** @returns {Promise<{ status: number, body: string, started: number, ended: number }>} */
  const get = (path) =>
    new Promise((resolve, reject) => {
      const started = Date.now();
      http
        .get(base + path, { agent }, (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk) => (body += chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body, started, ended: Date.now() }));
        })
        .on('error', reject);
    });
  return { get, close: () => agent.destroy() };
}

/** Runs `work(i)` for i in [0, count) with at most `width` at a time; results in order. */
export async function inParallel(count, width, work) {
  const out = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, count) }, async () => {
      while (next < count) {
        const i = next++;
        out[i] = await work(i);
      }
    }),
  );
  return out;
}

/**
 * Polls every path on every server in passes until `until` (epoch ms), or `passes` passes, or, with
 * `stopWhenComplete`, once every path of every server has shown all the stories.
 * @param {{ bases: string[], slugs: string[], word: string, tagSlug: string, at: number, until: number, stopWhenComplete?: boolean, maxPasses?: number }} options
 */
export async function pollVisibility({ bases, slugs, word, tagSlug, at, until, stopWhenComplete = false, maxPasses = Infinity }) {
  const count = slugs.length;
  const feedSize = Math.min(50, count);
  const servers = bases.map((base) => ({ base, ...getter(base) }));
  /** Per path: answers checked, stale answers (started after `at`, not showing all), leaks (ended before `at`, showing one), when all were first seen. */
  const stats = Object.fromEntries(
    PATHS.map((p) => [p, { answers: 0, stale: 0, leaks: 0, errors: 0, allSeenAt: /** @type {number[]} */ ([]) }]),
  );
  const complete = new Map(bases.map((b) => [b, new Set()]));
  let passes = 0;
  /** One answer: stale when its request started after `at` and it lacks some; a leak when it ended before `at` and shows one. */
  const check = (path, response, shown, expected) => {
    const s = stats[path];
    s.answers++;
    if (response.status >= 500) s.errors++;
    if (response.started > at && shown < expected) s.stale++;
    if (response.ended < at && shown > 0) s.leaks++;
  };
  /** The first pass (after `at`) in which this server showed all of them on this path. */
  const seen = (path, server, shown, expected) => {
    if (shown >= expected && Date.now() >= at && !complete.get(server.base).has(path)) {
      complete.get(server.base).add(path);
      stats[path].allSeenAt.push(Date.now() - at);
    }
  };
  // A paged list: pages of 100 until all the stories were counted, or the list ends or leaves them.
  const paged = async (server, path, first, itemsOf, cap = count) => {
    const expected = Math.min(count, cap);
    let shown = 0;
    let url = first;
    for (let page = 0; page < Math.ceil(count / 100) + 1 && url; page++) {
      const response = await server.get(url);
      let items = [];
      let nextCursor = null;
      if (response.status === 200) ({ items, nextCursor } = itemsOf(JSON.parse(response.body)));
      const mine = items.filter((item) => String(item.headline ?? item.title).includes(word)).length;
      shown += mine;
      // Each page is an answer: it must show as many of them as it can hold.
      check(path, response, mine, Math.min(100, expected - (shown - mine)));
      if (shown >= expected || mine < items.length || !nextCursor) break;
      url = `${first}&cursor=${encodeURIComponent(nextCursor)}`;
    }
    seen(path, server, shown, expected);
  };
  while (Date.now() < until && passes < maxPasses) {
    passes++;
    await Promise.all(
      servers.map(async (server) => {
        // The stories by slug, all of them in each pass.
        const answers = await inParallel(count, 4, (i) => server.get(`/api/public/stories/${slugs[i]}`));
        for (const r of answers) check('story', r, r.status === 200 ? 1 : 0, 1);
        seen('story', server, answers.filter((r) => r.status === 200).length, count);
        await paged(server, 'latest', '/api/public/stories?limit=100', (b) => b);
        await paged(server, 'tag', `/api/public/tags/${tagSlug}?limit=100`, (b) => b.stories);
        await paged(server, 'search', `/api/public/search?q=${word}&limit=100`, (b) => b, SEARCH_RANKED);
        const feed = await server.get('/api/public/feeds/latest.json');
        const shown = feed.status === 200 ? JSON.parse(feed.body).items.filter((i) => String(i.title).includes(word)).length : 0;
        check('feed', feed, shown, feedSize);
        seen('feed', server, shown, feedSize);
      }),
    );
    const done = [...complete.values()].every((set) => set.size === PATHS.length);
    if (stopWhenComplete && done) break;
  }
  for (const s of servers) s.close();
  const allSeen = Object.fromEntries(
    PATHS.map((p) => [p, stats[p].allSeenAt.length === bases.length ? Math.max(...stats[p].allSeenAt) : null]),
  );
  return { passes, stats, allSeen };
}
