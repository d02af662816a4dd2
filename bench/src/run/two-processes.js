// Two API processes (issue #16, item 6): the public read path served by one process vs by two
// (autocannon spreads its connections over both, round-robin), uncached and cached, in alternating
// rounds; and the public cache's cross-process invalidation lag: a published story updated through
// the staff API of process A, process B polled (it had the story cached) until it serves the new
// version.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { load } from './load.js';
import { staffClient } from './storm.js';

/**
 * @param {{ pairs: Record<string, string[]>, paths: Record<string, string[]>, settings: { seconds: number, warmup: number, connections: number, rounds: number }, log: (t: string) => void }} options
 *   pairs: mode ('uncached' | 'cached') -> [base A, base B]
 */
export async function measureTwoProcesses({ pairs, paths, settings, log }) {
  const { seconds, warmup, connections, rounds } = settings;
  /** endpoint -> mode -> { one: LoadResult[], two: LoadResult[] } */
  const results = {};
  for (const [endpoint, list] of Object.entries(paths)) {
    results[endpoint] = {};
    for (const [mode, [a, b]] of Object.entries(pairs)) {
      const systems = { one: a, two: [a, b] };
      results[endpoint][mode] = { one: [], two: [] };
      if (warmup > 0) for (const base of Object.values(systems)) await load({ base, paths: list, connections, seconds: warmup });
      for (let round = 0; round < rounds; round++) {
        for (const [system, base] of Object.entries(systems)) {
          const result = await load({ base, paths: list, connections, seconds, seed: round + 1 });
          results[endpoint][mode][system].push(result);
          const failed = result.non2xx + result.errors + result.timeouts;
          log(
            `${endpoint} ${mode} round ${round + 1}, ${system === 'one' ? '1 process ' : '2 processes'}: ${Math.round(result.rps)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms${failed ? ` (${failed} failed)` : ''}`,
          );
        }
      }
    }
  }
  return results;
}

/**
 * @param {{ bases: string[], url: string, token: string, slugs: string[], updates: number, log: (t: string) => void }} options
 */
export async function measureInvalidationLag({ bases, url, token, slugs, updates, log }) {
  const [a, b] = bases;
  const api = staffClient([a], token);
  const db = new pg.Client({ connectionString: url, application_name: 'newsdesk-bench-lag' });
  await db.connect();
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  /** @returns {Promise<{ status: number, body: string, cache: string }>} */
  const getB = (path) =>
    new Promise((resolve, reject) => {
      http
        .get(b + path, { agent }, (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk) => (body += chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body, cache: String(response.headers['x-cache'] ?? '') }));
        })
        .on('error', reject);
    });
  const lags = [];
  const fromRequest = [];
  let staleAnswers = 0;
  let cachedBefore = 0;
  try {
    const { rows } = await db.query(`SELECT id, slug, version FROM stories WHERE slug = ANY($1) ORDER BY slug LIMIT $2`, [slugs, updates]);
    for (const [i, story] of rows.entries()) {
      const path = `/api/public/stories/${story.slug}`;
      await getB(path);
      if ((await getB(path)).cache === 'hit') cachedBefore++;
      const teaser = `Updated by the invalidation-lag bench, ${Date.now()}-${i}.`;
      const sent = performance.now();
      await api.ok(0, 'PATCH', `/api/stories/${story.id}`, { version: story.version, teaser });
      const committed = performance.now();
      // Poll B without pause until it serves the new teaser (at most 10 s).
      for (;;) {
        const answer = await getB(path);
        if (answer.body.includes(teaser)) break;
        staleAnswers++;
        if (performance.now() - committed > 10_000) throw new Error(`invalidation lag: ${path} still old on B after 10 s`);
      }
      const seen = performance.now();
      lags.push(seen - committed);
      fromRequest.push(seen - sent);
    }
  } finally {
    agent.destroy();
    await db.end();
  }
  const at = (list, q) => {
    const sorted = [...list].sort((x, y) => x - y);
    return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  };
  const result = {
    updates: lags.length,
    cachedBefore,
    staleAnswers,
    p50: at(lags, 0.5),
    p99: at(lags, 0.99),
    max: Math.max(...lags),
    fromRequestP50: at(fromRequest, 0.5),
    fromRequestP99: at(fromRequest, 0.99),
  };
  log(
    `invalidation lag over ${result.updates} updates (B had ${cachedBefore} cached): p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms after A answered the PATCH`,
  );
  return result;
}
