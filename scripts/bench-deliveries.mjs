#!/usr/bin/env node
// Distribution figures (docs/distribution.md): deliveries per second through the delivery queue
// with two API processes, and the time from a publish's answer to the first delivery attempt
// (p50/p99). Not a test: numbers are printed, nothing is asserted.
//
//   pnpm --filter @newsdesk/api build
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/<fresh database> node scripts/bench-deliveries.mjs [stories=200]
//
// Starts two `node apps/api/dist/main.js` processes (OUTBOX_WORKER on) against the database (created
// if missing), a CDS on loopback that answers 200 at once and records when each PUT arrived, one
// enabled CDS destination, then publishes N stories (8 at a time) and waits for every PUT.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'apps/api/package.json'));
const pg = require('pg');
const url = process.env.BENCH_DATABASE_URL;
if (!url) throw new Error('BENCH_DATABASE_URL is required (a database this script may fill)');
const count = Number(process.argv[2] ?? 200);

const dbName = new URL(url).pathname.slice(1);
const adminUrl = new URL(url);
adminUrl.pathname = '/postgres';
const adminClient = new pg.Client({ connectionString: adminUrl.toString() });
await adminClient.connect();
const exists = await adminClient.query('SELECT 1 FROM pg_database WHERE datname = $1', [dbName]);
if (!exists.rowCount) await adminClient.query(`CREATE DATABASE "${dbName}"`);
await adminClient.end();

const arrivals = new Map();
const cds = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    const id = request.url.split('/').pop();
    if (request.method === 'PUT' && !arrivals.has(id)) arrivals.set(id, performance.now());
    response.writeHead(200).end('{}');
  });
});
await new Promise((done) => cds.listen(0, '127.0.0.1', done));
const cdsUrl = `http://127.0.0.1:${cds.address().port}`;

const email = 'bench-admin@newsdesk.local';
const password = 'bench-password-123456';
const children = [];
async function start(port) {
  const child = spawn(process.execPath, [path.join(root, 'apps/api/dist/main.js')], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      DATABASE_URL: url,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      OUTBOX_WORKER: 'true',
      ADMIN_EMAIL: email,
      ADMIN_PASSWORD: password,
      DELIVERY_POLL_MS: process.env.DELIVERY_POLL_MS ?? '250',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  children.push(child);
  const base = `http://127.0.0.1:${port}`;
  for (const until = Date.now() + 120_000; Date.now() < until;) {
    if (
      await fetch(`${base}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return base;
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`API on ${port} did not start`);
}
const a = await start(4391);
const b = await start(4392);
const call = async (base, method, p, token, body) => {
  const response = await fetch(base + p, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${p}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? null : response.json();
};
const login = await (
  await fetch(`${a}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
).json();
const token = login.token;
const settings = await (await fetch(`${a}/api/distribution/settings`, { headers: { authorization: `Bearer ${token}` } })).json();
await call(a, 'PUT', '/api/distribution/settings', token, { version: settings.version, cdsPrefix: 'bench', cdsServiceId: 's1' });
const db = new pg.Client({ connectionString: url });
await db.connect();
await db.query(`UPDATE distribution_destinations SET enabled = false`);
await call(a, 'POST', '/api/distribution/destinations', token, {
  name: `Bench CDS ${Date.now()}`,
  kind: 'cds',
  url: cdsUrl,
  token: 'bench',
});
const byline = await call(a, 'POST', '/api/correspondents', token, { name: 'Bench Reporter', title: 'Correspondent', bureau: 'Here' });

// Drafts first (not measured), then the publishes.
const drafts = [];
for (let i = 0; i < count; i++)
  drafts.push(await call(i % 2 ? a : b, 'POST', '/api/stories', token, { headline: `Bench ${Date.now()} ${i}`, bylineIds: [byline.id] }));
const answered = new Map();
const started = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: 8 }, async (_, w) => {
    while (next < drafts.length) {
      const story = drafts[next++];
      await call(w % 2 ? a : b, 'POST', `/api/stories/${story.id}/publish`, token, { version: 1 });
      answered.set(`bench-${story.id}`, performance.now());
    }
  }),
);
const published = performance.now();
while (arrivals.size < count) await new Promise((done) => setTimeout(done, 20));
const finished = performance.now();
const latencies = [...answered].map(([id, at]) => arrivals.get(id) - at).sort((x, y) => x - y);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
console.log(
  `[figure] ${count} publishes (8 at a time) in ${((published - started) / 1000).toFixed(2)} s; the last PUT ${((finished - published) / 1000).toFixed(2)} s after the last publish`,
);
console.log(
  `[figure] publish answered -> first delivery attempt: p50 ${pct(50).toFixed(0)} ms, p99 ${pct(99).toFixed(0)} ms (poll ${process.env.DELIVERY_POLL_MS ?? '250'} ms)`,
);

// Throughput alone: the same deliveries made due again at one instant, 2 s ahead, drained by the two processes.
arrivals.clear();
const [{ due }] = (
  await db.query(`UPDATE distribution_deliveries SET state = 'pending', attempts = 0, due_at = now() + interval '2 seconds'
   WHERE state = 'sent' RETURNING (extract(epoch FROM due_at) * 1000)::float8 AS due`)
).rows;
const dueAt = performance.now() + (due - Date.now());
while (arrivals.size < count) await new Promise((done) => setTimeout(done, 20));
const drained = Math.max(...arrivals.values());
const handled = await db.query(`SELECT handled_by, count(*) FROM distribution_deliveries WHERE state = 'sent' GROUP BY 1`);
console.log(
  `[figure] throughput: ${count} due deliveries drained in ${((drained - dueAt) / 1000).toFixed(2)} s = ${(count / ((drained - dueAt) / 1000)).toFixed(1)} deliveries/s with 2 processes x 4 workers (${handled.rows.map((r) => `${r.handled_by}: ${r.count}`).join(', ')})`,
);
await db.end();
for (const child of children) child.kill('SIGTERM');
cds.close();
