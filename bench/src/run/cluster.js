// The two-process measurements (issue #16, items 5 and 6) on a copy of the bench database
// (`<prefix>cluster`, made with CREATE DATABASE … TEMPLATE, so the read benchmark's newsroom is
// never changed and --reuse stays valid), with API processes started in production mode and a
// bootstrap admin for the writes: the public read path on one process vs two, the cache's
// cross-process invalidation lag, and the publish storm.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { startApi } from './services.js';
import { measureStorm } from './storm.js';
import { measureInvalidationLag, measureTwoProcesses } from './two-processes.js';

export const TWO_PROCESS_ENDPOINTS = ['latest', 'story', 'tag', 'search'];
const EMAIL = 'bench-cluster@example.org';
const PASSWORD = 'bench-cluster-password-1';

/** Requests of every endpoint in equal shares (each endpoint's paths repeated up to 200), for the storm's readers. */
export function readerMix(paths) {
  return Object.values(paths).flatMap((list) => Array.from({ length: 200 }, (_, i) => list[i % list.length]));
}

/**
 * @param {{ root: string, adminUrl: string, pgLib: any, benchUrl: string, paths: Record<string, string[]>, settings: any, ports: number[], storm: number, twoProcesses: boolean, lagUpdates: number, info: (t: string) => void, step: (t: string) => void, cleanup: Array<() => Promise<void>> }} options
 *   ports: at least 6 (API A, B, C, D, the webhook receiver, spare)
 */
export async function runCluster({
  root,
  adminUrl,
  pgLib,
  benchUrl,
  paths,
  settings,
  ports,
  storm,
  twoProcesses,
  lagUpdates,
  info,
  step,
  cleanup,
}) {
  const template = new URL(benchUrl).pathname.slice(1);
  const name = `${process.env.BENCH_DB_PREFIX ?? 'newsdesk_bench_'}cluster`;
  step(`two processes and the publish storm: copying ${template} to ${name}`);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`);
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)} TEMPLATE ${admin.escapeIdentifier(template)}`);
      break;
    } catch (error) {
      // "source database is being accessed by other users": a connection of an earlier step closing.
      if (attempt >= 20 || /** @type {any} */ (error).code !== '55006') throw error;
      await new Promise((done) => setTimeout(done, 500));
    }
  }
  const url = pgLib.databaseUrl(adminUrl, name);
  const { openDatabase } = await import(pathToFileURL(path.join(root, 'apps/api/dist/database/data-source.js')).href);
  await (await openDatabase(url, 2)).destroy();

  // A webhook receiver (a process of its own): every story event is POSTed to it, so duplicates are counted where they would hurt.
  const { childEnv, spawnService, waitForHttp } = await import(pathToFileURL(path.join(root, 'scripts/lib/proc.mjs')).href);
  const receiver = spawnService('webhooks', process.execPath, [path.join(root, 'bench/src/run/webhook-receiver.js'), String(ports[4])], {
    cwd: root,
    env: childEnv({}),
  });
  const receiverUrl = `http://127.0.0.1:${ports[4]}`;
  const ready = await waitForHttp(`${receiverUrl}/deliveries`, {
    service: receiver,
    timeoutMs: 20_000,
    accept: (status) => status === 200,
  });
  if (!ready.ok) throw new Error(`the webhook receiver did not start: ${ready.reason}`);
  const webhook = `${receiverUrl}/hook`;
  const services = [];
  const stop = async () => {
    for (const s of services.splice(0).reverse()) await s.stop();
  };
  const closeReceiver = () => receiver.stop();
  cleanup.push(async () => {
    await stop();
    await closeReceiver();
  });
  const start = (i, cacheSeconds, extraEnv = {}) =>
    startApi({
      root,
      url,
      port: ports[i],
      cacheSeconds,
      name: `api-${'abcd'[i]}`,
      extraEnv: { OUTBOX_WORKER: 'true', WEBHOOK_URLS: webhook, ...extraEnv },
    }).then((s) => (services.push(s), `http://127.0.0.1:${ports[i]}`));
  const result = { database: name, twoProcesses: null, lag: null, storm: null };
  try {
    const a = await start(0, 60, { ADMIN_EMAIL: EMAIL, ADMIN_PASSWORD: PASSWORD });
    const b = await start(1, 60);
    const login = await (
      await fetch(`${a}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
      })
    ).json();
    if (!login.token) throw new Error(`cluster: the bench admin could not sign in: ${JSON.stringify(login)}`);
    if (twoProcesses) {
      const c = await start(2, 0);
      const d = await start(3, 0);
      const endpoints = TWO_PROCESS_ENDPOINTS.filter((e) => paths[e]);
      step(`two processes vs one: ${endpoints.join(', ')}, uncached and cached, ${settings.rounds} rounds of ${settings.seconds} s`);
      result.twoProcesses = await measureTwoProcesses({
        pairs: { uncached: [c, d], cached: [a, b] },
        paths: Object.fromEntries(endpoints.map((e) => [e, paths[e]])),
        settings,
        log: info,
      });
      for (const s of services.splice(2)) await s.stop();
      if (paths.story && lagUpdates > 0) {
        step(`cross-process invalidation lag: ${lagUpdates} updates on process A, process B polled until it serves each`);
        result.lag = await measureInvalidationLag({
          bases: [a, b],
          url,
          token: login.token,
          slugs: paths.story.map((p) => String(p.split('/').pop())),
          updates: lagUpdates,
          log: info,
        });
      }
    }
    if (storm > 0) {
      step(
        `publish storm: ${storm} stories scheduled for one second, 2 processes, readers ${Math.max(10, settings.seconds)} s before and from it`,
      );
      result.storm = await measureStorm({
        bases: [a, b],
        url,
        token: login.token,
        count: storm,
        seconds: Math.max(10, settings.seconds),
        connections: settings.connections,
        readPaths: readerMix(paths),
        deliveries: async () => (await fetch(`${receiverUrl}/deliveries`)).json(),
        log: info,
      });
    }
  } finally {
    await stop();
    await closeReceiver();
    await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
  return result;
}
