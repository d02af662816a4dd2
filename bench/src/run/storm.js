// Publish storm (issue #16, item 5): N stories scheduled through the API for one second, with two
// API processes (public cache on, outbox worker on both) serving readers. Measured side by side in
// one run: a control window of reader load before the second, and the same load starting at it.
// Reported: when all N were seen on every public path of both processes (and whether any answer to
// a request that started after the second lacked them, or any answer before it showed one), the
// readers' req/s and p99 in both windows, the cache invalidations announced in each, the outbox's
// drain time, and the exactly-once checks (SQL on the outbox ledger and pg-boss's jobs, and the
// webhook deliveries the bench's receiver got).
import pg from 'pg';
import { load } from './load.js';
import { inParallel, pollVisibility } from './visibility.js';

const CACHE_CHANNEL = 'newsdesk_public_cache';
const sleepUntil = (t) => new Promise((done) => setTimeout(done, Math.max(0, t - Date.now())));

/** A word no generated text contains (letters only, so every text search parser keeps it whole). */
const stormWord = () => `storm${Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('')}`;

/** The staff API on each process, with the bench's admin session. */
export function staffClient(bases, token) {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const ok = async (server, method, path, body) => {
    const response = await fetch(bases[server % bases.length] + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = response.status === 204 ? null : await response.json();
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  };
  return { ok };
}

/**
 * @param {{ bases: string[], url: string, token: string, count: number, seconds: number, connections: number, readPaths: string[], deliveries: () => Promise<Array<{ id: string, storyId: string, type: string }>>, log: (t: string) => void }} options
 */
export async function measureStorm({ bases, url, token, count, seconds, connections, readPaths, deliveries, log }) {
  const db = new pg.Client({ connectionString: url, application_name: 'newsdesk-bench-storm' });
  await db.connect();
  const listener = new pg.Client({ connectionString: url, application_name: 'newsdesk-bench-storm-listener' });
  await listener.connect();
  /** Epoch ms of every cache invalidation announced on the channel. */
  const notices = [];
  listener.on('notification', () => notices.push(Date.now()));
  await listener.query(`LISTEN ${CACHE_CHANNEL}`);
  try {
    const api = staffClient(bases, token);
    const word = stormWord();
    const {
      rows: [byline],
    } = await db.query(`SELECT id FROM correspondents WHERE status = 'published' ORDER BY slug LIMIT 1`);
    const tag = await api.ok(0, 'POST', '/api/tags', { name: `Storm ${word}`, type: 'topic' });

    // 1. N drafts through the API, 8 at a time, alternating processes.
    let started = Date.now();
    const drafts = await inParallel(count, 8, (i) =>
      api.ok(i, 'POST', '/api/stories', {
        headline: `Storm ${word} story ${i + 1} of ${count}`,
        teaser: `A story of the publish storm ${word}, number ${i + 1}.`,
        dateline: 'BENCH',
        bylineIds: [byline.id],
        tagIds: [tag.id],
        body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: `Storm ${word} body ${i + 1}.` }] }] },
      }),
    );
    const createMs = Date.now() - started;
    // 2. The second: after scheduling all N (as long again as creating took, x1.5) and a control window.
    const at = Math.ceil((Date.now() + createMs * 1.5 + (seconds + 3) * 1000) / 1000) * 1000;
    const publishAt = new Date(at).toISOString();
    started = Date.now();
    const scheduled = await inParallel(count, 8, (i) =>
      api.ok(i, 'POST', `/api/stories/${drafts[i].id}/publish`, { version: drafts[i].version, publishAt }),
    );
    const scheduleMs = Date.now() - started;
    const notScheduled = scheduled.filter((s) => s.status !== 'scheduled' || s.publishedAt !== publishAt).length;
    if (notScheduled) throw new Error(`storm: ${notScheduled} of ${count} stories were not scheduled for ${publishAt}`);
    const controlFrom = at - (seconds + 1) * 1000;
    if (Date.now() > controlFrom)
      throw new Error(`storm: scheduling ended ${((Date.now() - at) / 1000).toFixed(1)} s after the control window's start`);
    log(
      `storm: ${count} stories created in ${(createMs / 1000).toFixed(1)} s and scheduled in ${(scheduleMs / 1000).toFixed(1)} s for ${publishAt} (word "${word}")`,
    );
    const slugs = drafts.map((d) => d.slug);
    const ids = drafts.map((d) => d.id);
    const poll = { bases, slugs, word, tagSlug: tag.slug, at };

    // 3. Control window: the readers' load before the second, and one visibility pass (nothing may show yet).
    await sleepUntil(controlFrom);
    const noticesBefore = notices.length;
    const [control, controlVisibility] = await Promise.all([
      load({ base: bases, paths: readPaths, connections, seconds, seed: 5 }),
      pollVisibility({ ...poll, until: controlFrom + seconds * 1000, maxPasses: 1 }),
    ]);
    const controlNotices = notices.length - noticesBefore;
    log(`storm control window: readers ${Math.round(control.rps)} req/s, p99 ${control.p99} ms; ${controlNotices} cache invalidations`);

    // 4. The second: the same load from it; visibility passes until every path of both processes showed all (at most 60 s); the drain.
    await sleepUntil(at);
    const drain = watchDrain(db, ids, count, at);
    const [storm, visibility] = await Promise.all([
      load({ base: bases, paths: readPaths, connections, seconds, seed: 5 }),
      pollVisibility({ ...poll, until: at + 60_000, stopWhenComplete: true }),
    ]);
    const drained = await drain;
    const stormNotices = notices.filter((t) => t >= at && t < at + seconds * 1000).length;
    log(
      `storm window: readers ${Math.round(storm.rps)} req/s, p99 ${storm.p99} ms; ${stormNotices} cache invalidations; outbox drained in ${drained.drainMs} ms`,
    );

    // 5. Exactly once: the outbox ledger, pg-boss's jobs, and the webhook receiver.
    for (let i = 0; i < 50 && (await deliveries()).filter((d) => ids.includes(d.storyId)).length < count; i++)
      await new Promise((done) => setTimeout(done, 100));
    await new Promise((done) => setTimeout(done, 1500)); // room for a duplicate to arrive
    const checks = await exactlyOnce(db, ids, await deliveries());
    log(`storm checks: ${JSON.stringify(checks)}`);
    return {
      count,
      publishAt,
      createMs,
      scheduleMs,
      control: { load: control, visibility: controlVisibility, notices: controlNotices },
      storm: { load: storm, visibility, notices: stormNotices },
      drain: drained,
      checks,
    };
  } finally {
    await listener.end().catch(() => undefined);
    await db.end().catch(() => undefined);
  }
}

/** Polls the ledger every 50 ms from the second until N story.published events are handled (at most 120 s). */
async function watchDrain(db, ids, count, at) {
  const deadline = at + 120_000;
  for (;;) {
    const {
      rows: [row],
    } = await db.query(
      `SELECT count(*)::int AS handled, extract(epoch FROM min(handled_at)) * 1000 AS first, extract(epoch FROM max(handled_at)) * 1000 AS last
         FROM outbox_deliveries WHERE story_id = ANY($1::uuid[]) AND event = 'story.published'`,
      [ids],
    );
    if (row.handled >= count || Date.now() > deadline)
      return {
        handled: row.handled,
        firstMs: row.first === null ? null : Math.round(Number(row.first) - at),
        drainMs: row.last === null ? null : Math.round(Number(row.last) - at),
        perSecond: row.last === null ? 0 : row.handled / Math.max(0.001, (Number(row.last) - at) / 1000),
      };
    await new Promise((done) => setTimeout(done, 50));
  }
}

/** Counted in SQL and at the receiver: one story.published per story, handled once, delivered once. */
async function exactlyOnce(db, ids, deliveries) {
  const {
    rows: [ledger],
  } = await db.query(
    `SELECT count(*)::int AS rows, count(DISTINCT story_id)::int AS stories, count(DISTINCT event_id)::int AS events,
            (SELECT count(*)::int FROM (SELECT story_id FROM outbox_deliveries WHERE story_id = ANY($1::uuid[]) AND event = 'story.published'
                                          GROUP BY story_id HAVING count(*) > 1) d) AS duplicated,
            json_object_agg(handled_by, n) AS by_process
       FROM (SELECT story_id, event_id, handled_by, count(*) OVER (PARTITION BY handled_by) AS n
               FROM outbox_deliveries WHERE story_id = ANY($1::uuid[]) AND event = 'story.published') x`,
    [ids],
  );
  const { rows: jobs } = await db.query(
    `SELECT state::text AS state, count(*)::int AS n, sum(retry_count)::int AS retries FROM pgboss.job
      WHERE name = 'story-events' AND data->>'storyId' = ANY($1::text[]) AND data->>'type' = 'story.published' GROUP BY 1 ORDER BY 1`,
    [ids],
  );
  const received = deliveries.filter((d) => ids.includes(d.storyId) && d.type === 'story.published');
  return {
    ledgerRows: ledger.rows,
    ledgerStories: ledger.stories,
    ledgerEvents: ledger.events,
    duplicated: ledger.duplicated,
    byProcess: Object.fromEntries(Object.entries(ledger.by_process ?? {}).map(([k, v]) => [k, Number(v)])),
    jobs: Object.fromEntries(jobs.map((j) => [j.state, j.n])),
    retries: jobs.reduce((n, j) => n + j.retries, 0),
    webhooks: received.length,
    webhookIds: new Set(received.map((d) => d.id)).size,
    webhookStories: new Set(received.map((d) => d.storyId)).size,
  };
}
