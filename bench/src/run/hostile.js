// Hostile bodies (issue #12, finding 2): what one JSON body nested 10,000 deep costs the API, and
// how much public read throughput is left while 4 connections keep sending such bodies, side by
// side with the same reads undisturbed, in rounds that take turns (drift hits both alike).
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { load } from './load.js';

export const HOSTILE_DEPTH = 10_000;
export const ATTACKERS = 4;
const BODY = `${'['.repeat(HOSTILE_DEPTH)}${']'.repeat(HOSTILE_DEPTH)}`;

/** Sends the deep body to the login route (anonymous: anyone can), returning status and milliseconds. */
function sendDeep(base, agent) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const request = http.request(
      `${base}/api/auth/login`,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(BODY) } },
      (response) => {
        response.resume();
        response.on('end', () => resolve({ status: response.statusCode, ms: performance.now() - started }));
      },
    );
    request.on('error', reject);
    request.end(BODY);
  });
}

/**
 * @param {{ base: string, readPaths: string[], settings: { seconds: number, warmup: number, connections: number, rounds: number }, log: (t: string) => void }} options
 */
export async function measureHostile({ base, readPaths, settings, log }) {
  const { seconds, warmup, connections, rounds } = settings;
  // 1. The cost of one such request: one connection, one request at a time.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  for (let i = 0; i < 20; i++) await sendDeep(base, agent);
  const times = [];
  const statuses = {};
  const until = performance.now() + seconds * 1000;
  while (performance.now() < until) {
    const { status, ms } = await sendDeep(base, agent);
    statuses[status] = (statuses[status] ?? 0) + 1;
    times.push(ms);
  }
  agent.destroy();
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  const cost = { requests: times.length, p50: at(0.5), p99: at(0.99), statuses };
  log(
    `one depth-${HOSTILE_DEPTH.toLocaleString('en-US')} body: p50 ${cost.p50.toFixed(2)} ms, p99 ${cost.p99.toFixed(2)} ms over ${cost.requests} requests ${JSON.stringify(statuses)}`,
  );

  // 2. Reads of the latest stories, undisturbed and while ATTACKERS connections send deep bodies.
  if (warmup > 0) await load({ base, paths: readPaths, connections, seconds: warmup });
  const normal = [];
  const attacked = [];
  let attackRequests = 0;
  const attackStatuses = {};
  for (let round = 0; round < rounds; round++) {
    normal.push(await load({ base, paths: readPaths, connections, seconds, seed: round + 1 }));
    let stop = false;
    const attackers = Array.from({ length: ATTACKERS }, async () => {
      const own = new http.Agent({ keepAlive: true, maxSockets: 1 });
      while (!stop) {
        const { status } = await sendDeep(base, own);
        attackRequests++;
        attackStatuses[status] = (attackStatuses[status] ?? 0) + 1;
      }
      own.destroy();
    });
    attacked.push(await load({ base, paths: readPaths, connections, seconds, seed: round + 1 }));
    stop = true;
    await Promise.all(attackers);
    log(
      `latest round ${round + 1}: ${Math.round(normal.at(-1).rps).toLocaleString('en-US')} req/s normal, ${Math.round(attacked.at(-1).rps).toLocaleString('en-US')} req/s with ${ATTACKERS} connections sending deep bodies`,
    );
  }
  return { cost, normal, attacked, attackRequests, attackStatuses };
}
