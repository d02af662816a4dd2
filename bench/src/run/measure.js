// The measurements: per endpoint, a warm-up of each system, then rounds in which the baseline, the
// API without cache and the API with cache take turns (A/B/C, A/B/C: drift on a shared machine hits
// all three alike); then 304 revalidation throughput, and single-connection latency for cost growth.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { createRandom } from '../generate/random.js';
import { load } from './load.js';

const SYSTEMS = ['baseline', 'api', 'api-cache'];

/**
 * @param {{ bases: Record<string, string>, paths: Record<string, string[]>, settings: { seconds: number, warmup: number, connections: number, rounds: number }, log: (t: string) => void, step: (t: string) => void }} options
 */
export async function measure({ bases, paths, settings, log, step }) {
  const { seconds, warmup, connections, rounds } = settings;
  /** @type {Record<string, Record<string, Array<import('./load.js').LoadResult>>>} */
  const results = {};
  for (const [endpoint, list] of Object.entries(paths)) {
    step(`${endpoint}: warm-up ${warmup} s each, then ${rounds} rounds of ${seconds} s per system`);
    results[endpoint] = Object.fromEntries(SYSTEMS.map((s) => [s, []]));
    for (const system of SYSTEMS) if (warmup > 0) await load({ base: bases[system], paths: list, connections, seconds: warmup });
    for (let round = 0; round < rounds; round++) {
      for (const system of SYSTEMS) {
        const result = await load({ base: bases[system], paths: list, connections, seconds, seed: round + 1 });
        results[endpoint][system].push(result);
        const failed = result.non2xx + result.errors + result.timeouts;
        log(
          `${endpoint} round ${round + 1} ${system.padEnd(9)} ${Math.round(result.rps).toLocaleString('en-US').padStart(7)} req/s  p50 ${result.p50} ms  p99 ${result.p99} ms${failed ? `  (${failed} failed: ${JSON.stringify(result.statuses)})` : ''}`,
        );
      }
    }
  }

  // 304s: every request carries the ETag the path currently has.
  /** @type {Record<string, Record<string, import('./load.js').LoadResult>>} */
  const revalidation = {};
  for (const endpoint of ['latest', 'story'].filter((e) => paths[e])) {
    step(`${endpoint}: If-None-Match revalidation`);
    revalidation[endpoint] = {};
    for (const system of ['api', 'api-cache']) {
      const etags = new Map();
      for (const path of paths[endpoint]) etags.set(path, (await fetch(bases[system] + path)).headers.get('etag') ?? '');
      const result = await load({
        base: bases[system],
        paths: paths[endpoint],
        connections,
        seconds,
        headers: (p) => ({ 'if-none-match': etags.get(p) ?? '' }),
      });
      revalidation[endpoint][system] = result;
      log(
        `${endpoint} 304 ${system.padEnd(9)} ${Math.round(result.rps).toLocaleString('en-US')} req/s  p50 ${result.p50} ms  p99 ${result.p99} ms  ${JSON.stringify(result.statuses)}`,
      );
    }
  }

  step('cost growth: single-connection latency of latest and search (API, no cache)');
  const growth = await measureGrowth({ base: bases.api, paths, settings });
  return { results, revalidation, growth };
}

/**
 * Latency with one connection, one request at a time (the cost of a request, without queueing),
 * timed with sub-millisecond precision, for latest stories and search.
 * @param {{ base: string, paths: Record<string, string[]>, settings: { seconds: number } }} options
 */
export async function measureGrowth({ base, paths, settings }) {
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
  const rows = [];
  for (const endpoint of ['latest', 'search'].filter((e) => paths[e])) {
    const random = createRandom(11);
    const list = paths[endpoint];
    for (let i = 0; i < 50; i++) await get(random.pick(list));
    const times = [];
    const until = performance.now() + settings.seconds * 1000;
    while (performance.now() < until) {
      const started = performance.now();
      const status = await get(random.pick(list));
      if (status !== 200) throw new Error(`${endpoint}: HTTP ${status}`);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
    rows.push({ endpoint, p50: at(0.5), p95: at(0.95), p99: at(0.99), rps: times.length / settings.seconds });
  }
  agent.destroy();
  return rows;
}
