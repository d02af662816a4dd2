#!/usr/bin/env node
// Measures the public Now / Next Up statement on a station with five years of segments.
//
//   npm run build                     (the script uses the built API: migrations and the SQL itself)
//   MEASURE_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node apps/api/scripts/measure-now-next.mjs [--runs 2000] [--keep]
//
// Creates a scratch database on that server, migrates it, loads 3 stations x ~100,000 segments
// (one every ~26 minutes for 5 years; every 20th linked to a published story, most to a program),
// ANALYZEs, then runs NOW_NEXT_SQL at random instants across the five years and reports
// in-database execution time (EXPLAIN ANALYZE) and client round trips, p50 / p95 / p99. Not a
// test: timings depend on the machine. Drops the scratch database unless --keep.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 2000;
const keep = args.includes('--keep');
const serverUrl = process.env.MEASURE_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const { openDatabase } = await import('../dist/database/data-source.js');
const { NOW_NEXT_SQL } = await import('../dist/public/public-stations.queries.js');

const name = `newsdesk_measure_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
const url = new URL(serverUrl);
url.pathname = `/${name}`;

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const summary = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 50).toFixed(3)} ms, p95 ${percentile(sorted, 95).toFixed(3)} ms, p99 ${percentile(sorted, 99).toFixed(3)} ms, max ${sorted.at(-1).toFixed(3)} ms`;
};

try {
  const dataSource = await openDatabase(url.toString(), 2);
  await dataSource.destroy();
  const db = new pg.Client({ connectionString: url.toString() });
  await db.connect();
  const [{ version }] = (await db.query('SELECT version()')).rows;
  console.log(`server: ${version}`);

  const started = performance.now();
  await db.query(`INSERT INTO users (email, name, roles) VALUES ('measure@newsdesk.local', 'Measure', '{producer}')`);
  await db.query(`
    INSERT INTO stories (slug, headline, status, published_at)
    SELECT 'story-' || n, 'Story ' || n, 'published', now() - interval '1 day' FROM generate_series(1, 1000) n`);
  await db.query(`
    INSERT INTO programs (slug, name, hosts) SELECT 'program-' || n, 'Program ' || n, ARRAY['Host ' || n] FROM generate_series(1, 10) n`);
  await db.query(`
    INSERT INTO stations (call_sign, name, band, frequency, city, timezone)
    VALUES ('WMSR', 'Measure Radio', 'FM', '90.1', 'Washington', 'America/New_York'),
           ('KMSR', 'Other Radio', 'FM', '91.1', 'San Francisco', 'America/Los_Angeles'),
           ('WOTH', 'Third Radio', 'FM', '89.3', 'Chicago', 'America/Chicago')`);
  // ~26.3 minutes apart for five years; every 10th segment ends 5 minutes early (a gap).
  await db.query(`
    INSERT INTO segments (station_id, starts_at, duration_seconds, title, kind, program_id, story_id)
    SELECT st.id,
           timestamptz '2022-01-01 00:00:00Z' + n * interval '1578 seconds',
           CASE WHEN n % 10 = 0 THEN 1278 ELSE 1578 END,
           'Segment ' || n,
           CASE WHEN n % 20 = 0 THEN 'story' ELSE 'program' END,
           (SELECT id FROM programs ORDER BY slug OFFSET (n % 10) LIMIT 1),
           CASE WHEN n % 20 = 0 THEN (SELECT id FROM stories WHERE slug = 'story-' || (1 + n % 1000)) END
      FROM stations st, generate_series(0, 99999) n`);
  await db.query('ANALYZE');
  const [{ count, first, last }] = (
    await db.query(
      `SELECT count(*)::int AS count, min(starts_at) AS first, max(ends_at) AS last FROM segments g JOIN stations st ON st.id = g.station_id WHERE st.call_sign = 'WMSR'`,
    )
  ).rows;
  console.log(
    `loaded in ${((performance.now() - started) / 1000).toFixed(1)} s: WMSR has ${count} segments from ${first.toISOString()} to ${last.toISOString()} (3 stations, ${count * 3} segments in all)`,
  );

  const span = last.getTime() - first.getTime();
  const randomAt = () => new Date(first.getTime() + Math.random() * span);

  const sample = (await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${NOW_NEXT_SQL}`, ['WMSR', randomAt()])).rows
    .map((row) => row['QUERY PLAN'])
    .join('\n');
  console.log(`\nEXPLAIN ANALYZE of one call:\n${sample}\n`);

  // Warm up the cache, then measure.
  for (let i = 0; i < 200; i++) await db.query(NOW_NEXT_SQL, ['WMSR', randomAt()]);
  const execution = [];
  const planning = [];
  for (let i = 0; i < runs; i++) {
    const [
      {
        'QUERY PLAN': [plan],
      },
    ] = (await db.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${NOW_NEXT_SQL}`, ['WMSR', randomAt()])).rows;
    execution.push(plan['Execution Time']);
    planning.push(plan['Planning Time']);
  }
  const roundTrip = [];
  const prepared = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await db.query(NOW_NEXT_SQL, ['WMSR', randomAt()]);
    roundTrip.push(performance.now() - t);
    const u = performance.now();
    await db.query({ name: 'now-next', text: NOW_NEXT_SQL, values: ['WMSR', randomAt()] });
    prepared.push(performance.now() - u);
  }
  console.log(`${runs} calls at random instants over five years:`);
  console.log(`  in-database execution (EXPLAIN ANALYZE): ${summary(execution)}`);
  console.log(`  planning (unnamed statement, every call): ${summary(planning)}`);
  console.log(`  client round trip, unnamed statement:     ${summary(roundTrip)}`);
  console.log(`  client round trip, named (planned once):  ${summary(prepared)}`);
  await db.end();
} finally {
  if (keep) console.log(`kept database ${name}`);
  else await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
