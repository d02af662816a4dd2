// Load with autocannon (programmatic API): a fixed number of connections for a fixed time, each
// request a random path of the endpoint's mix.
import autocannon from 'autocannon';
import { createRandom } from '../generate/random.js';

/**
 * @typedef {{ rps: number, p50: number, p99: number, requests: number, non2xx: number, errors: number, timeouts: number, statuses: Record<string, number> }} LoadResult
 */

/**
 * `base` may list several servers: connection i goes to base[i % n] (autocannon's round-robin).
 * @param {{ base: string | string[], paths: string[], connections: number, seconds: number, headers?: (path: string) => Record<string, string>, seed?: number }} options
 * @returns {Promise<LoadResult>}
 */
export async function load({ base, paths, connections, seconds, headers, seed = 1 }) {
  const random = createRandom(seed);
  const result = await autocannon({
    url: /** @type {any} */ (base),
    connections,
    duration: seconds,
    timeout: 10,
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => {
          const path = random.pick(paths);
          return { ...request, path, headers: { ...request.headers, ...(headers?.(path) ?? {}) } };
        },
      },
    ],
  });
  const statuses = {};
  for (const key of ['1xx', '2xx', '3xx', '4xx', '5xx']) if (result[key]) statuses[key] = result[key];
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statuses,
  };
}
