// Statements per request, per endpoint, counted on the wire (statement-counter.js): the baseline,
// the API without its cache, the API with its cache (a miss, then a hit), and 304 revalidations.
// Requests are sent one at a time, so each delta belongs to the requests of one row.
import { startApi, startBaselineProcess } from './services.js';
import { startStatementCounter } from './statement-counter.js';

const API_APP = 'newsdesk-api';
const BASELINE_APP = 'newsdesk-bench-baseline';

/**
 * @param {string} base @param {string[]} paths @param {(path: string) => Record<string, string>} [headers]
 * @returns {Promise<Map<string, string>>} ETag per path
 */
async function pass(base, paths, headers) {
  const etags = new Map();
  for (const path of paths) {
    const response = await fetch(base + path, { headers: headers?.(path) ?? {}, redirect: 'manual' });
    await response.arrayBuffer();
    const etag = response.headers.get('etag');
    if (etag) etags.set(path, etag);
  }
  return etags;
}

/**
 * @param {{ root: string, url: string, paths: Record<string, string[]>, perEndpoint: number, ports: number[], log: (text: string) => void }} options
 * @returns {Promise<Record<string, Record<string, number>>>} statements per request: endpoint -> column -> value
 */
export async function countStatements({ root, url, paths, perEndpoint, ports, log }) {
  const target = new URL(url);
  const counter = await startStatementCounter({ host: target.hostname, port: Number(target.port || 5432) });
  const viaProxy = new URL(url);
  viaProxy.hostname = '127.0.0.1';
  viaProxy.port = String(counter.port);
  const services = [];
  try {
    log('starting the API (cache off and on) and the baseline behind the statement counter');
    const [offPort, onPort, basePort] = ports;
    // An idle delivery worker looks for due deliveries every DELIVERY_POLL_MS (250 ms) on the API's
    // pool: a background query, not a request's. Once a minute here, so the rows count requests.
    const quiet = { DELIVERY_POLL_MS: '60000' };
    const api = (port, cacheSeconds, name) => startApi({ root, url: viaProxy.toString(), port, cacheSeconds, name, extraEnv: quiet });
    services.push(await api(offPort, 0, 'api-count-nocache'));
    services.push(await api(onPort, 60, 'api-count-cache'));
    services.push(await startBaselineProcess({ root, url: viaProxy.toString(), port: basePort }));
    const off = `http://127.0.0.1:${offPort}`;
    const on = `http://127.0.0.1:${onPort}`;
    const baseline = `http://127.0.0.1:${basePort}`;

    /** Statements per request of one pass. */
    const counted = async (app, base, list, headers) => {
      const before = counter.snapshot(app);
      const etags = await pass(base, list, headers);
      // The counter sees the bytes as they are forwarded: give the last ones a moment.
      await new Promise((r) => setTimeout(r, 50));
      return { perRequest: (counter.snapshot(app) - before) / list.length, etags };
    };
    /** @type {Record<string, Record<string, number>>} */
    const table = {};
    for (const [endpoint, all] of Object.entries(paths)) {
      const list = all.slice(0, perEndpoint);
      await pass(baseline, list);
      await pass(off, list);
      const row = {};
      row.baseline = (await counted(BASELINE_APP, baseline, list)).perRequest;
      const uncached = await counted(API_APP, off, list);
      row.api = uncached.perRequest;
      row['api 304'] = (await counted(API_APP, off, list, (p) => ({ 'if-none-match': uncached.etags.get(p) ?? '' }))).perRequest;
      row['cache miss'] = (await counted(API_APP, on, list)).perRequest;
      const hits = await counted(API_APP, on, list);
      row['cache hit'] = hits.perRequest;
      row['cache 304'] = (await counted(API_APP, on, list, (p) => ({ 'if-none-match': hits.etags.get(p) ?? '' }))).perRequest;
      table[endpoint] = row;
    }
    return table;
  } finally {
    for (const service of services.reverse()) await service.stop();
    await counter.close();
  }
}
