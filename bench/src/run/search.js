// Search before and after issue #16, side by side in one run: the previous way (ts_headline snippets
// in PostgreSQL, the baseline's SEARCH_PREVIOUS, which the API matched at 0.81-0.97x) against the
// baseline and the API as they are now (snippets made in Node from the fetched text). Concurrent
// uncached throughput in rounds, one request at a time (p50/p95/p99), and whether the answers
// agree: the same stories in the same order, and how many snippets mark the same words.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { createRandom } from '../generate/random.js';
import { load } from './load.js';

const previous = (path) => `${path}&previous=1`;

/**
 * @param {{ bases: Record<string, string>, paths: string[], settings: { seconds: number, warmup: number, connections: number, rounds: number }, log: (t: string) => void }} options
 */
export async function measureSearch({ bases, paths, settings, log }) {
  const systems = {
    previous: { base: bases.baseline, paths: paths.map(previous) },
    baseline: { base: bases.baseline, paths },
    api: { base: bases.api, paths },
  };
  const concurrent = Object.fromEntries(Object.keys(systems).map((s) => [s, []]));
  for (const [, s] of Object.entries(systems))
    if (settings.warmup > 0) await load({ ...s, connections: settings.connections, seconds: settings.warmup });
  for (let round = 0; round < settings.rounds; round++) {
    for (const [name, s] of Object.entries(systems)) {
      const result = await load({ ...s, connections: settings.connections, seconds: settings.seconds, seed: round + 1 });
      concurrent[name].push(result);
      log(`search round ${round + 1} ${name.padEnd(9)} ${Math.round(result.rps)} req/s  p50 ${result.p50} ms  p99 ${result.p99} ms`);
    }
  }
  const single = {};
  for (const [name, s] of Object.entries(systems)) {
    single[name] = await oneAtATime(s.base, s.paths, settings.seconds);
    log(`search one at a time ${name}: p50 ${single[name].p50.toFixed(2)} ms, p95 ${single[name].p95.toFixed(2)} ms`);
  }
  const agreement = await agree(bases, paths);
  log(
    `search answers: ${agreement.sameOrder}/${agreement.queries} queries with the same stories in the same order; ${agreement.sameMarks}/${agreement.items} snippets mark the same words`,
  );
  return { concurrent, single, agreement };
}

/** One connection, one request at a time, for `seconds` (after 30 warm-up requests). */
async function oneAtATime(base, paths, seconds) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const get = (path) =>
    new Promise((resolve, reject) => {
      http
        .get(base + path, { agent }, (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode));
        })
        .on('error', reject);
    });
  const random = createRandom(17);
  for (let i = 0; i < 30; i++) await get(random.pick(paths));
  const times = [];
  const until = performance.now() + seconds * 1000;
  while (performance.now() < until) {
    const started = performance.now();
    const status = await get(random.pick(paths));
    if (status !== 200) throw new Error(`search: HTTP ${status}`);
    times.push(performance.now() - started);
  }
  agent.destroy();
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), requests: times.length };
}

const marks = (snippet) =>
  [...String(snippet ?? '').matchAll(/<mark>(.*?)<\/mark>/g)]
    .map((m) => m[1].toLowerCase())
    .sort()
    .join(' ');

/** The API's answers against the previous way's, for every query of the mix. */
async function agree(bases, paths) {
  const out = { queries: 0, sameOrder: 0, items: 0, sameMarks: 0, differences: [] };
  for (const path of [...new Set(paths)]) {
    const [now, before] = await Promise.all([
      fetch(bases.api + path).then((r) => r.json()),
      fetch(bases.baseline + previous(path)).then((r) => r.json()),
    ]);
    out.queries++;
    const slugs = (page) => page.items.map((i) => i.slug).join(' ');
    if (slugs(now) === slugs(before)) out.sameOrder++;
    else out.differences.push(path);
    for (let i = 0; i < Math.min(now.items.length, before.items.length); i++) {
      out.items++;
      // ts_headline marks every match in its fragments; the same words are marked when the
      // fragments show the same matches (they may show other places of the same text).
      if (new Set(marks(now.items[i].snippet).split(' ')).size === new Set(marks(before.items[i].snippet).split(' ')).size) out.sameMarks++;
    }
  }
  return out;
}
