// Writes (issue #16): bytes per autosave of a 600-turn story with a one-word edit (stored now: a
// delta; before: a full snapshot, measured side by side as the jsonb the previous code stored),
// saves per second of 20 concurrent editors on 20 stories and on one hot story (with the 409
// rate), and publish/unpublish per second; p50/p99 of each. Runs against the API (production
// build) on a fresh small database of its own, so the read benchmark's newsroom is not changed.
import { performance } from 'node:perf_hooks';
import pg from 'pg';

const WORDS = 'harbour weather minister council budget river station morning evening report talks city market school'.split(' ');
const turnText = (i) =>
  `Turn ${i} says ${Array.from({ length: 14 }, (_, k) => WORDS[(i * 7 + k * k * 3 + i * k) % WORDS.length]).join(' ')} (${i * 7919}).`;

/**
 * @param {{ base: string, url: string, email: string, password: string, seconds: number, log: (t: string) => void }} options
 */
export async function measureWrites({ base, url, email, password, seconds, log }) {
  const login = await (
    await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    })
  ).json();
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${login.token}` };
  const call = async (method, path, body) => {
    const response = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: response.status, body: response.status === 204 ? null : await response.json() };
  };
  const ok = async (method, path, body) => {
    const r = await call(method, path, body);
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const person = await ok('POST', '/api/people', { displayName: `Bench Speaker ${Date.now()}` });
  const byline = await ok('POST', '/api/correspondents', { name: `Bench Reporter ${Date.now()}`, title: 'Reporter', bureau: 'Bench' });
  const turns = (edit = -1, word = '') =>
    Array.from({ length: 600 }, (_, i) => ({
      personId: person.id,
      role: null,
      title: null,
      annotation: null,
      text: i === edit ? turnText(i).replace('says', word) : turnText(i),
    }));

  // 1. Revision bytes: a 600-turn story, then 40 autosaves each changing one word of turn 300.
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const relation = async () => Number((await db.query(`SELECT pg_total_relation_size('story_revisions') AS n`)).rows[0].n);
  let story = await ok('POST', '/api/stories', { headline: 'A two-hour show', bylineIds: [byline.id], transcript: { turns: turns() } });
  const autosaves = 40;
  const sizeBefore = await relation();
  for (let i = 0; i < autosaves; i++)
    story = await ok('PATCH', `/api/stories/${story.id}`, { version: story.version, transcript: { turns: turns(300, `said${i}`) } });
  const sizeAfter = await relation();
  const {
    rows: [stored],
  } = await db.query(
    `SELECT avg(pg_column_size(delta)) FILTER (WHERE delta IS NOT NULL) AS delta, max(pg_column_size(snapshot)) AS keyframe,
            avg(pg_column_size(r.*)) FILTER (WHERE delta IS NOT NULL) AS row, count(*) FILTER (WHERE delta IS NOT NULL) AS deltas
       FROM story_revisions r WHERE story_id = $1`,
    [story.id],
  );
  // The previous storage: every autosave a full snapshot (the jsonb of the revision as read back).
  const full = await ok('GET', `/api/stories/${story.id}/revisions/${autosaves + 1}`);
  const {
    rows: [previous],
  } = await db.query(`SELECT pg_column_size($1::jsonb) AS snapshot, octet_length($1::text) AS raw`, [JSON.stringify(full.snapshot)]);
  const revisions = {
    autosaves,
    deltas: Number(stored.deltas),
    previousBytes: Number(previous.snapshot),
    previousRawBytes: Number(previous.raw),
    deltaBytes: Math.round(Number(stored.delta)),
    rowBytes: Math.round(Number(stored.row)),
    keyframeBytes: Number(stored.keyframe),
    relationGrowthPerSave: Math.round((sizeAfter - sizeBefore) / autosaves),
  };
  log(
    `revisions: full snapshot ${revisions.keyframeBytes} B as stored (${revisions.previousBytes} B uncompressed) vs delta ${revisions.deltaBytes} B (row ${revisions.rowBytes} B); table grew ${revisions.relationGrowthPerSave} B per autosave`,
  );

  // 2. Saves per second: 20 editors, 20 stories (each its own) vs one hot story.
  const editors = 20;
  const stories = [];
  for (let i = 0; i < editors; i++)
    stories.push(await ok('POST', '/api/stories', { headline: `Desk story ${i}`, bylineIds: [byline.id], body: paragraphs(12, i) }));
  const timed = async (loop) => {
    const times = [];
    const statuses = {};
    const until = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: editors }, async (_, e) => {
        let n = 0;
        while (performance.now() < until) {
          const started = performance.now();
          const status = await loop(e, n++);
          times.push(performance.now() - started);
          statuses[status] = (statuses[status] ?? 0) + 1;
        }
      }),
    );
    times.sort((a, b) => a - b);
    const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
    return { perSecond: times.length / seconds, p50: at(0.5), p99: at(0.99), statuses };
  };
  const versions = stories.map((s) => s.version);
  const distinct = await timed(async (e, n) => {
    const r = await call('PATCH', `/api/stories/${stories[e].id}`, { version: versions[e], teaser: `Edit ${n} by editor ${e}` });
    if (r.status === 200) versions[e] = r.body.version;
    return r.status;
  });
  log(
    `saves, 20 editors on 20 stories: ${distinct.perSecond.toFixed(0)}/s, p50 ${distinct.p50.toFixed(0)} ms, p99 ${distinct.p99.toFixed(0)} ms ${JSON.stringify(distinct.statuses)}`,
  );
  const hot = stories[0];
  let hotVersion = versions[0];
  const onHot = await timed(async (e, n) => {
    const r = await call('PATCH', `/api/stories/${hot.id}`, { version: hotVersion, teaser: `Hot edit ${n} by editor ${e}` });
    if (r.status === 200) hotVersion = Math.max(hotVersion, r.body.version);
    else if (r.status === 409) hotVersion = Math.max(hotVersion, r.body.currentVersion ?? hotVersion);
    return r.status;
  });
  log(
    `saves, 20 editors on one story: ${onHot.perSecond.toFixed(0)}/s, p50 ${onHot.p50.toFixed(0)} ms, p99 ${onHot.p99.toFixed(0)} ms ${JSON.stringify(onHot.statuses)}`,
  );

  // 3. Publish / unpublish per second: 20 editors, each toggling its own story.
  const live = stories.map(() => false);
  const publishing = await timed(async (e) => {
    const path = `/api/stories/${stories[e].id}/${live[e] ? 'unpublish' : 'publish'}`;
    const r = await call('POST', path, { version: versions[e] });
    if (r.status === 200) {
      versions[e] = r.body.version;
      live[e] = !live[e];
    } else if (r.status === 409) versions[e] = r.body.currentVersion ?? versions[e];
    return r.status;
  });
  log(
    `publish/unpublish, 20 editors: ${publishing.perSecond.toFixed(0)}/s, p50 ${publishing.p50.toFixed(0)} ms, p99 ${publishing.p99.toFixed(0)} ms ${JSON.stringify(publishing.statuses)}`,
  );
  await db.end();
  return { revisions, distinct, onHot, publishing };
}

function paragraphs(count, seed) {
  return {
    type: 'doc',
    content: Array.from({ length: count }, (_, i) => ({
      type: 'paragraph',
      content: [{ type: 'text', text: `${turnText(i + seed)} ${turnText(i * 3 + seed)}` }],
    })),
  };
}
