#!/usr/bin/env node
// Measures how long a take on one API process takes to reach a second producer's live view
// (the rundown stream of another API process): take -> INSERT -> NOTIFY newsdesk_onair -> LISTEN
// on the other process -> rundown read -> SSE event.
//
//   pnpm --filter @newsdesk/api build
//   MEASURE_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node apps/api/scripts/measure-take-latency.mjs [--takes 100] [--keep]
//
// Creates a scratch database, starts two API processes (node dist/main.js) on it, makes a block
// on air now with `takes` items, opens the stream on process B, then takes every item on process A
// one after another, timing from sending the take to the SSE event that carries it on B.
// Reports p50 / p95 / p99. Not a test: timings depend on the machine.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { get as httpGet } from 'node:http';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';

const args = process.argv.slice(2);
const takes = Number(args[args.indexOf('--takes') + 1]) || 100;
const keep = args.includes('--keep');
const serverUrl = process.env.MEASURE_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const main = resolve(import.meta.dirname, '../dist/main.js');

const { openDatabase } = await import('../dist/database/data-source.js');
const { upsertUser } = await import('../dist/users/upsert-user.js');

const name = `newsdesk_measure_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
const url = new URL(serverUrl);
url.pathname = `/${name}`;

const freePort = () =>
  new Promise((done) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });

async function startApi() {
  const port = await freePort();
  const child = spawn(process.execPath, [main], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      DATABASE_URL: url.toString(),
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 900; i++) {
    if (
      await fetch(`${base}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { child, base };
    await new Promise((done) => setTimeout(done, 100));
  }
  child.kill();
  throw new Error('API process did not become healthy');
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

const children = [];
try {
  const dataSource = await openDatabase(url.toString(), 2);
  const password = `pw-${randomBytes(8).toString('hex')}`;
  await upsertUser(dataSource, { email: 'measure@newsdesk.local', name: 'Measure', roles: ['producer'], password });
  await dataSource.destroy();
  const [a, b] = await Promise.all([startApi(), startApi()]);
  children.push(a.child, b.child);
  const login = await (
    await fetch(`${a.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'measure@newsdesk.local', password }),
    })
  ).json();
  const headers = { authorization: `Bearer ${login.token}`, 'content-type': 'application/json' };
  const post = async (base, method, path, body) => {
    const response = await fetch(base + path, { method, headers, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  const station = await post(a.base, 'POST', '/api/stations', {
    callSign: 'WMEA',
    name: 'Measure',
    band: 'FM',
    frequency: '90.1',
    city: 'Washington',
    timezone: 'America/New_York',
  });
  const startsAt = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000).toISOString();
  const block = await post(a.base, 'POST', '/api/segments', {
    stationId: station.id,
    startsAt,
    durationSeconds: 7200,
    title: 'Measure',
    kind: 'program',
  });
  await post(a.base, 'PUT', `/api/segments/${block.id}/rundown`, {
    version: 1,
    items: Array.from({ length: takes }, (_, i) => ({ title: `Item ${i + 1}`, kind: 'other', durationSeconds: 30 })),
  });

  // The second producer's stream, on process B.
  const waiters = new Map();
  await new Promise((ready, fail) => {
    const request = httpGet(`${b.base}/api/segments/${block.id}/rundown/stream`, {
      agent: false,
      headers: { authorization: headers.authorization },
    });
    request.on('error', fail);
    request.on('response', (response) => {
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => {
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = frame.split('\n').find((line) => line.startsWith('data: '));
          if (!data) continue;
          const seq = JSON.parse(data.slice(6)).live.seq;
          if (seq === 0) ready();
          waiters.get(seq)?.(performance.now());
        }
      });
    });
  });

  const latencies = [];
  for (let seq = 0; seq < takes; seq++) {
    const seen = new Promise((done) => waiters.set(seq + 1, done));
    const sent = performance.now();
    const result = await post(a.base, 'POST', `/api/segments/${block.id}/rundown/take`, { expectedSeq: seq });
    if (!result.recorded) throw new Error(`take ${seq + 1} was not recorded`);
    latencies.push((await seen) - sent);
  }
  const sorted = [...latencies].sort((x, y) => x - y);
  console.log(`takes: ${takes} (process A) -> live view stream (process B)`);
  console.log(
    `latency: p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, max ${sorted.at(-1).toFixed(1)} ms`,
  );
} finally {
  for (const child of children) child.kill('SIGTERM');
  await new Promise((done) => setTimeout(done, 1500));
  if (!keep) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
process.exit(0);
