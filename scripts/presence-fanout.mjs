#!/usr/bin/env node
// Presence fan-out cost (docs/presence.md): 50 editors' Server-Sent Events streams on one API
// process, one story; a driver sends N presence updates a second (each changes a tab's section,
// so each one NOTIFYs and is pushed to all 50 streams); printed per rate: presence events
// delivered per second (summed over the streams), and the API process's CPU from /proc/<pid>/stat
// (user + system, in % of one core; it includes handling the N update requests).
//
//   pnpm --filter @newsdesk/api build
//   FANOUT_DATABASE_URL=postgres://postgres@127.0.0.1:5432/<empty database> node scripts/presence-fanout.mjs [editors=50] [rates=1,5,20,50] [seconds=10]
//
// Uses the production build (apps/api/dist/main.js) and Node built-ins only. Linux (/proc).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { get } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const databaseUrl = process.env.FANOUT_DATABASE_URL;
if (!databaseUrl) {
  console.error('FANOUT_DATABASE_URL is required: an empty PostgreSQL database (it is migrated; nothing is dropped).');
  process.exit(1);
}
const editors = Number(process.argv[2] ?? 50);
const rates = (process.argv[3] ?? '1,5,20,50').split(',').map(Number);
const seconds = Number(process.argv[4] ?? 10);
const port = Number(process.env.FANOUT_PORT ?? 4399);
const base = `http://127.0.0.1:${port}`;
const email = 'fanout@test.newsdesk.local';
const password = `fanout-${randomUUID()}`;

const api = spawn(process.execPath, [path.join(root, 'apps/api/dist/main.js')], {
  env: {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    ADMIN_EMAIL: email,
    ADMIN_PASSWORD: password,
    ADMIN_ORIGIN: 'http://localhost:3000',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const stop = () => api.exitCode === null && api.kill('SIGTERM');
process.on('exit', stop);

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ: 100 on Linux). */
const ticks = 100;
function cpuTicks(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime (fields 14 and 15 of stat)
}

async function json(method, url, token, body) {
  const response = await fetch(base + url, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? undefined : response.json();
}

for (let i = 0; ; i++) {
  if (
    await fetch(`${base}/health`).then(
      (r) => r.ok,
      () => false,
    )
  )
    break;
  if (i > 300 || api.exitCode !== null) throw new Error('the API did not start');
  await new Promise((done) => setTimeout(done, 200));
}
const { token } = await json('POST', '/api/auth/login', undefined, { email, password });
const story = await json('POST', '/api/stories', token, { headline: `Fan-out ${randomUUID()}` });

let delivered = 0;
const section = new Map();
const tabs = Array.from({ length: editors }, () => randomUUID());
const streams = await Promise.all(
  tabs.map(
    (tab) =>
      new Promise((resolve, reject) => {
        const request = get(`${base}/api/stories/${story.id}/presence/stream?tab=${tab}`, {
          agent: false,
          headers: { authorization: `Bearer ${token}` },
        });
        request.on('response', (response) => {
          response.setEncoding('utf8');
          response.on('data', (chunk) => (delivered += chunk.split('event: presence\n').length - 1));
          resolve(response);
        });
        request.on('error', reject);
      }),
  ),
);
// Let the joins' own events settle.
await new Promise((done) => setTimeout(done, 2000));

console.log(`${editors} SSE editors on one API process (pid ${api.pid}), one story; ${seconds} s per rate`);
console.log('updates/s sent | presence events delivered/s | events per update | API CPU (% of one core)');
const rows = [];
for (const rate of rates) {
  delivered = 0;
  const cpuBefore = cpuTicks(api.pid);
  const started = Date.now();
  let sent = 0;
  while (Date.now() - started < seconds * 1000) {
    const due = Math.floor(((Date.now() - started) / 1000) * rate);
    while (sent < due) {
      // Each update flips one tab's section, so each one is a change that notifies.
      const tab = tabs[sent % tabs.length];
      section.set(tab, section.get(tab) === 'body' ? 'headline' : 'body');
      void json('POST', `/api/stories/${story.id}/presence`, token, { tab, section: section.get(tab), typing: false }).catch((e) =>
        console.error(e.message),
      );
      sent++;
    }
    await new Promise((done) => setTimeout(done, 5));
  }
  await new Promise((done) => setTimeout(done, 500)); // the last pushes arrive
  const wall = (Date.now() - started) / 1000;
  const cpu = ((cpuTicks(api.pid) - cpuBefore) / ticks / wall) * 100;
  const row = { rate, eventsPerSecond: delivered / wall, perUpdate: delivered / Math.max(sent, 1), cpu };
  rows.push(row);
  console.log(
    `${String(rate).padStart(14)} | ${row.eventsPerSecond.toFixed(0).padStart(27)} | ${row.perUpdate.toFixed(1).padStart(17)} | ${cpu.toFixed(1).padStart(6)} %`,
  );
}
for (const stream of streams) stream.destroy();
stop();
console.log(JSON.stringify({ editors, seconds, rows }));
process.exit(0);
