// `npm run bench [-- options]`: generate (or reuse) the newsroom, check that the API and the raw
// baseline answer alike, measure them under load, count statements per request, measure cost
// growth, and print (and save) the tables. scripts/bench.mjs installs and builds first.
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { mkdir, writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { DEFAULT_SIZES, generateDatabase, signature, storedSignature } from './generate/index.js';
import { compareResponses } from './run/compare.js';
import { countStatements } from './run/count.js';
import { measureHostile } from './run/hostile.js';
import { measure, measureGrowth } from './run/measure.js';
import { measureSearch } from './run/search.js';
import { measureWrites } from './run/writes.js';
import { runCluster } from './run/cluster.js';
import { renderCluster, stormHolds } from './run/cluster-report.js';
import { comparisonTable, countTable, growthTable, hostileTable, revalidationTable, searchTables, writesTable } from './run/report.js';
import { ENDPOINTS, comparisonCases, requestMix } from './run/sample.js';
import { ADMIN_OPTIONS, ADMIN_USAGE, renderAdmin, runAdmin } from './admin/run.js';
import { startApi, startBaselineProcess } from './run/services.js';

export const USAGE = `npm run bench -- [options]
  --stories N        published stories (default ${DEFAULT_SIZES.stories.toLocaleString('en-US')}; the full run is 100000)
  --growth-from N    smaller database for the cost-growth table (default stories / 10; 0 to skip)
  --duration S       seconds per measurement (default 5)      --warmup S   seconds of warm-up (default 2)
  --connections N    concurrent connections (default 50)      --rounds N   A/B rounds (default 2)
  --endpoints a,b    subset of ${ENDPOINTS.join(', ')}
  --hot N            story slugs requested (default 2000)     --reuse      keep a database generated with the same sizes
  --skip-writes      leave out the writes table (revision bytes, saves/s, publish/s); --writes-only: only it
  --storm N          publish storm: N stories scheduled for one second, 2 API processes (default stories / 100, at least 100; 0 to skip)
  --skip-two-processes   leave out public reads on 2 processes vs 1 and the invalidation lag (--lag-updates N, default 100)
  --cluster-only     only the storm and the two-process tables (on a copy of the bench database)
${ADMIN_USAGE}
  --correspondents N, --tags N, --people N, --stations N, --transcript-share F, --turns N, --body-bytes N
Set DATABASE_URL to use that PostgreSQL server (databases newsdesk_bench_<stories> are created on
it; BENCH_DB_PREFIX replaces newsdesk_bench_); otherwise an embedded PostgreSQL keeps its data in .data/bench-postgres.`;

const OPTIONS = {
  stories: { type: 'string' },
  'growth-from': { type: 'string' },
  duration: { type: 'string' },
  warmup: { type: 'string' },
  connections: { type: 'string' },
  rounds: { type: 'string' },
  endpoints: { type: 'string' },
  hot: { type: 'string' },
  reuse: { type: 'boolean' },
  correspondents: { type: 'string' },
  tags: { type: 'string' },
  people: { type: 'string' },
  stations: { type: 'string' },
  'transcript-share': { type: 'string' },
  turns: { type: 'string' },
  'body-bytes': { type: 'string' },
  'allow-mismatch': { type: 'boolean' },
  'skip-writes': { type: 'boolean' },
  'writes-only': { type: 'boolean' },
  storm: { type: 'string' },
  'skip-two-processes': { type: 'boolean' },
  'lag-updates': { type: 'string' },
  'cluster-only': { type: 'boolean' },
  help: { type: 'boolean' },
  ...ADMIN_OPTIONS,
};

/** @param {string} root @param {string[]} argv */
export async function bench(root, argv) {
  const { values } = parseArgs({ args: argv, options: /** @type {any} */ (OPTIONS), strict: true });
  if (values.help) return console.log(USAGE);
  const number = (key, fallback) => (values[key] === undefined ? fallback : Number(values[key]));
  const sizes = {
    ...DEFAULT_SIZES,
    stories: number('stories', DEFAULT_SIZES.stories),
    correspondents: number('correspondents', DEFAULT_SIZES.correspondents),
    tags: number('tags', DEFAULT_SIZES.tags),
    people: number('people', DEFAULT_SIZES.people),
    stations: number('stations', DEFAULT_SIZES.stations),
    transcriptShare: number('transcript-share', DEFAULT_SIZES.transcriptShare),
    turns: number('turns', DEFAULT_SIZES.turns),
    bodyBytes: number('body-bytes', DEFAULT_SIZES.bodyBytes),
  };
  const settings = {
    seconds: number('duration', 5),
    warmup: number('warmup', 2),
    connections: number('connections', 50),
    rounds: number('rounds', 2),
    hotStories: number('hot', 2000),
    growthFrom: number('growth-from', Math.round(sizes.stories / 10)),
    endpoints: values.endpoints ? String(values.endpoints).split(',') : ENDPOINTS,
    storm: number('storm', Math.max(100, Math.round(sizes.stories / 100))),
    twoProcesses: !values['skip-two-processes'],
    lagUpdates: number('lag-updates', 100),
  };
  const { info, step, warn, formatDuration } = await import(pathToFileURL(path.join(root, 'scripts/lib/ui.mjs')).href);
  const pgLib = await import(pathToFileURL(path.join(root, 'scripts/lib/postgres.mjs')).href);
  const started = Date.now();
  const cleanup = [];
  // The services run in process groups of their own: stop them on Ctrl-C too.
  process.once('SIGINT', () => {
    warn('interrupted: stopping the servers');
    void (async () => {
      for (const fn of cleanup.reverse()) await fn().catch(() => undefined);
      process.exit(130);
    })();
  });
  const portBase = Number(process.env.BENCH_PORT_BASE ?? 0);
  const portOf = (i) => (portBase ? portBase + i : undefined);
  try {
    step('database server');
    let adminUrl = process.env.DATABASE_URL;
    if (adminUrl) {
      adminUrl = pgLib.databaseUrl(adminUrl, 'postgres');
      info(`using DATABASE_URL's server ${pgLib.redactUrl(adminUrl)}`);
    } else {
      const { startPostgresHost } = await import(pathToFileURL(path.join(root, 'scripts/lib/pg-host.mjs')).href);
      const db = await startPostgresHost({ dataDir: path.join(root, '.data', 'bench-postgres'), persistent: true });
      cleanup.push(() => db.stop());
      adminUrl = db.url;
      info(`embedded PostgreSQL on port ${db.port} (data in .data/bench-postgres)`);
    }

    const database = async (stories) => {
      const name = `${process.env.BENCH_DB_PREFIX ?? 'newsdesk_bench_'}${stories}`;
      const wanted = await signature(root, { ...sizes, stories });
      if (values.reuse && (await storedSignature(adminUrl, name)) === wanted) {
        info(`reusing ${name} (same sizes, generator and migrations)`);
        return pgLib.databaseUrl(adminUrl, name);
      }
      step(`generating ${name}`);
      let last = 0;
      const result = await generateDatabase({
        root,
        adminUrl,
        name,
        sizes: { ...sizes, stories },
        log: info,
        progress: (text) => {
          if (Date.now() - last > 2000) {
            last = Date.now();
            info(text);
          }
        },
      });
      info(
        `generated in ${formatDuration(result.seconds * 1000)}: ${Object.entries(result.rows)
          .map(([t, n]) => `${t} ${n.toLocaleString('en-US')}`)
          .join(', ')}`,
      );
      return result.url;
    };
    if (values['writes-only']) {
      const writes = await runWrites({ root, adminUrl, pgLib, port: portOf(7), settings, info, step, cleanup });
      console.log(`\n${writesTable(writes)}\n`);
      return undefined;
    }
    const url = await database(sizes.stories);
    const adminRun = (mixPaths, save) =>
      runAdmin({
        root,
        url,
        stories: sizes.stories,
        portOf,
        findFreePort: pgLib.findFreePort,
        runs: number('admin-runs', 10),
        searchPaths: mixPaths,
        info,
        step,
        cleanup,
        save,
      });
    if (values['admin-only']) {
      const admin = await adminRun((await requestMix(url, { hotStories: settings.hotStories })).paths.search, true);
      console.log(`\n${renderAdmin(admin)}`);
      return undefined;
    }
    const growthUrl = settings.growthFrom > 0 && !values['cluster-only'] ? await database(settings.growthFrom) : null;

    const machine = await describeMachine(url);
    const mix = await requestMix(url, { hotStories: settings.hotStories });
    const paths = Object.fromEntries(settings.endpoints.map((e) => [e, mix.paths[e]]));
    // BENCH_PORT_BASE=N: ports N, N+1, … instead of any free ones (for a machine shared by sessions).
    const ports = portBase
      ? Array.from({ length: 10 }, (_, i) => portBase + i)
      : await Promise.all(Array.from({ length: 10 }, () => pgLib.findFreePort()));
    const cluster = () =>
      settings.storm > 0 || settings.twoProcesses
        ? runCluster({
            root,
            adminUrl,
            pgLib,
            benchUrl: url,
            paths,
            settings,
            ports: [3, 4, 5, 6, 8, 9].map((i) => ports[i]),
            storm: settings.storm,
            twoProcesses: settings.twoProcesses,
            lagUpdates: settings.lagUpdates,
            info,
            step,
            cleanup,
          })
        : null;
    if (values['cluster-only']) {
      const result = await cluster();
      const report = [`Load average at the end ${machine.load}; database ${machine.databaseSize}.`, '', renderCluster(result)].join('\n');
      console.log(`\n${report}`);
      await saveResults(
        root,
        `cluster-${sizes.stories}`,
        { when: new Date().toISOString(), machine, sizes, settings, cluster: result },
        report,
      );
      if (result?.storm && !stormHolds(result.storm)) throw new Error('publish storm: a correctness check failed (see the tables)');
      return undefined;
    }

    step('starting the baseline and the API (production build; public cache off, and on)');
    const services = [
      await startBaselineProcess({ root, url, port: ports[0] }),
      await startApi({ root, url, port: ports[1], cacheSeconds: 0, name: 'api-nocache' }),
      await startApi({ root, url, port: ports[2], cacheSeconds: 60, name: 'api-cache' }),
    ];
    const stopServices = async () => {
      for (const s of services.splice(0).reverse()) await s.stop();
    };
    cleanup.push(stopServices);
    const bases = {
      baseline: `http://127.0.0.1:${ports[0]}`,
      api: `http://127.0.0.1:${ports[1]}`,
      'api-cache': `http://127.0.0.1:${ports[2]}`,
    };

    step('same JSON from the API and the baseline?');
    // The mix's first 25 paths of each endpoint, and for stories and correspondents one of each case
    // of their JSON (lead photo or not, body images, a draft byline, a portrait) ahead of them.
    const cases = await comparisonCases(url);
    const checked = Object.fromEntries(
      Object.entries(paths).map(([endpoint, list]) => [endpoint, [...new Set([...(cases[endpoint] ?? []), ...list.slice(0, 25)])]]),
    );
    const check = await compareResponses({ api: bases.api, baseline: bases.baseline, paths: checked, perEndpoint: 35 });
    for (const m of check.mismatches.slice(0, 10)) warn(`${m.endpoint} ${m.path}: ${m.difference}`);
    if (check.mismatches.length && !values['allow-mismatch'])
      throw new Error(`${check.mismatches.length} of ${check.compared} responses differ: not measuring an unequal comparison`);
    info(`${check.compared} requests compared: ${check.mismatches.length ? `${check.mismatches.length} differ` : 'identical JSON'}`);

    const measured = await measure({ bases, paths, settings, log: info, step });
    let search = null;
    if (paths.search) {
      step('search: the previous way (ts_headline in PostgreSQL) vs now (snippets in Node), uncached, side by side');
      search = await measureSearch({ bases, paths: paths.search, settings, log: info });
    }
    step(`hostile bodies: one JSON body nested 10,000 deep, and latest-stories reads while 4 connections send them (API with its cache)`);
    const hostile = await measureHostile({ base: bases['api-cache'], readPaths: mix.paths.latest, settings, log: info });
    await stopServices();

    const growth = [...measured.growth.map((g) => ({ ...g, stories: sizes.stories }))];
    if (growthUrl) {
      step(`cost growth: the same requests on ${settings.growthFrom.toLocaleString('en-US')} stories`);
      const small = await startApi({ root, url: growthUrl, port: ports[3], cacheSeconds: 0, name: 'api-growth' });
      services.push(small);
      const smallMix = await requestMix(growthUrl, { hotStories: settings.hotStories });
      for (const g of await measureGrowth({
        base: `http://127.0.0.1:${ports[3]}`,
        paths: { latest: paths.latest && smallMix.paths.latest, search: paths.search && mix.paths.search },
        settings,
      })) {
        growth.push({ ...g, stories: settings.growthFrom });
      }
      await stopServices();
    }

    const clustered = await cluster();

    const writes = values['skip-writes'] ? null : await runWrites({ root, adminUrl, pgLib, port: ports[7], settings, info, step, cleanup });

    const admin = values.admin || values['admin-only'] ? await adminRun(mix.paths.search, false) : null;

    step('statements per request (counted on the wire)');
    const counts = await countStatements({ root, url, paths, perEndpoint: 20, ports: ports.slice(1), log: info });

    const results = {
      when: new Date().toISOString(),
      machine,
      sizes,
      settings,
      notes: mix.notes,
      check,
      ...measured,
      hostile,
      search,
      writes,
      cluster: clustered,
      admin,
      growth,
      counts,
    };
    const report = render(results);
    console.log(`\n${report}`);
    await saveResults(root, String(sizes.stories), results, report);
    info(`saved .data/bench/results-${sizes.stories}.{md,json}; total ${formatDuration(Date.now() - started)}`);
    if (clustered?.storm && !stormHolds(clustered.storm)) throw new Error('publish storm: a correctness check failed (see the tables)');
  } finally {
    for (const fn of cleanup.reverse()) await fn().catch((e) => console.error(e));
  }
  return undefined;
}

/** @param {string} url */
async function describeMachine(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const {
    rows: [{ version, size }],
  } = await client.query(`SELECT version(), pg_size_pretty(pg_database_size(current_database())) AS size`);
  await client.end();
  const cpus = os.cpus();
  return {
    cpu: `${cpus.length} x ${cpus[0]?.model ?? 'unknown'}`,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    postgres: version.split(' on ')[0],
    databaseSize: size,
    load: os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' '),
  };
}

/** @param {any} r */
function render(r) {
  const m = r.machine;
  const targets = { ratioTarget: 0.8, p99Target: 50 };
  return [
    `## Public read API vs raw baseline: ${r.sizes.stories.toLocaleString('en-US')} stories, ${r.settings.connections} connections, ${r.settings.seconds} s x ${r.settings.rounds} rounds`,
    '',
    `Machine: ${m.cpu}, ${m.memoryGiB} GiB, Node ${m.node}, ${m.postgres} (database ${m.databaseSize}); load average at the end ${m.load}.`,
    `Requests: ${Object.entries(r.notes)
      .filter(([e]) => r.settings.endpoints.includes(e))
      .map(([e, n]) => `${e}: ${n}`)
      .join('; ')}.`,
    `Checked first: ${r.check.compared} requests answered with ${r.check.mismatches.length ? `${r.check.mismatches.length} differences` : 'identical JSON'} by both.`,
    '',
    '### API without its cache (PUBLIC_CACHE_SECONDS=0) vs baseline',
    '',
    comparisonTable(r.results, 'api', targets),
    '',
    '### API with its cache (PUBLIC_CACHE_SECONDS=60) vs the same uncached baseline',
    '',
    comparisonTable(r.results, 'api-cache', { ...targets, ratioTargets: { latest: 2, story: 2 } }),
    '',
    '### Revalidation (If-None-Match with the current ETag)',
    '',
    revalidationTable(r.revalidation),
    '',
    '### Statements per request (Query + Execute messages on the wire, 20 requests each, one at a time)',
    '',
    countTable(r.counts),
    '',
    '### Hostile bodies (JSON nested 10,000 deep, refused with 400 at the parser)',
    '',
    hostileTable(r.hostile),
    '',
    ...(r.search
      ? ['### Search: previous (ts_headline snippets) vs now (snippets in Node), API uncached', '', searchTables(r.search), '']
      : []),
    ...(r.cluster ? [renderCluster(r.cluster), ''] : []),
    ...(r.writes
      ? ['### Writes: revisions per autosave, saves/s, publish/s (API, 20 concurrent editors)', '', writesTable(r.writes), '']
      : []),
    ...(r.admin ? [renderAdmin(r.admin)] : []),
    '### Cost growth',
    '',
    growthTable(r.growth),
    '',
  ].join('\n');
}

/** @param {string} root @param {string} suffix @param {any} results @param {string} report */
async function saveResults(root, suffix, results, report) {
  const dir = path.join(root, '.data', 'bench');
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, `results-${suffix}.json`), JSON.stringify(results, null, 2));
  await writeFile(path.join(dir, `results-${suffix}.md`), report);
}

/**
 * The writes measurements on a fresh database of their own (`<prefix>writes`), against the API with
 * a bootstrap admin.
 */
async function runWrites({ root, adminUrl, pgLib, port, settings, info, step, cleanup }) {
  step('writes: revision bytes per autosave (600 turns, one word), saves/s (20 editors: 20 stories vs one), publish/unpublish/s');
  const name = `${process.env.BENCH_DB_PREFIX ?? 'newsdesk_bench_'}writes`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`);
  await admin.end();
  const url = pgLib.databaseUrl(adminUrl, name);
  const { openDatabase } = await import(pathToFileURL(path.join(root, 'apps/api/dist/database/data-source.js')).href);
  await (await openDatabase(url, 2)).destroy();
  const email = 'bench-writer@example.org';
  const password = 'bench-writer-password-1';
  const apiPort = port ?? (await pgLib.findFreePort());
  const api = await startApi({
    root,
    url,
    port: apiPort,
    cacheSeconds: 60,
    name: 'api-writes',
    extraEnv: { ADMIN_EMAIL: email, ADMIN_PASSWORD: password },
  });
  cleanup.push(() => api.stop());
  try {
    return await measureWrites({ base: `http://127.0.0.1:${apiPort}`, url, email, password, seconds: settings.seconds, log: info });
  } finally {
    await api.stop();
  }
}
