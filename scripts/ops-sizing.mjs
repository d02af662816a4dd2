#!/usr/bin/env node
// Sizing figures for docs/operations.md, measured on this machine: starts the production shape
// (two API replicas behind Caddy, no admin) on DATABASE_URL (a database with content, e.g. the demo
// newsroom), then for SECONDS each: public reads straight at one replica, and through Caddy to both;
// reports requests per second, RSS per replica (idle and after load) and PostgreSQL connections per
// replica against max_connections.
//
//   DATABASE_URL=postgres://.../newsdesk [SIZING_PORT_BASE=4720] [SECONDS=10] [CONCURRENCY=16] node scripts/ops-sizing.mjs
import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startProdShape } from './lib/prod-shape.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error('set DATABASE_URL (a database with content, e.g. one `npm start` filled with the demo newsroom)');
  process.exit(2);
}
const base = Number(process.env.SIZING_PORT_BASE || 4720);
const seconds = Number(process.env.SECONDS || 10);
const concurrency = Number(process.env.CONCURRENCY || 16);

const rssMiB = (pid) => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Math.round(Number(line.replace(/\D+/g, '')) / 1024);
};

async function load(url) {
  let ok = 0;
  let failed = 0;
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < until) {
        try {
          const response = await fetch(url);
          await response.arrayBuffer();
          if (response.ok) ok++;
          else failed++;
        } catch {
          failed++;
        }
      }
    }),
  );
  return { rps: Math.round(ok / seconds), failed };
}

const work = mkdtempSync(path.join(tmpdir(), 'newsdesk-sizing-'));
const shape = await startProdShape({
  root,
  databaseUrl,
  ports: { proxy: base, apis: [base + 1, base + 2] },
  withAdmin: false,
  workDir: work,
});
try {
  const pids = shape.apis.map((api) => api.child.pid);
  await new Promise((done) => setTimeout(done, 2000));
  const idle = pids.map(rssMiB);
  const path_ = '/api/public/stories?limit=10';
  const direct = await load(`http://127.0.0.1:${base + 1}${path_}`);
  const proxied = await load(`${shape.proxyUrl}${path_}`);
  const loaded = pids.map(rssMiB);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query(
    `SELECT pid, application_name AS app, client_port FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
  );
  const max = (await client.query(`SHOW max_connections`)).rows[0].max_connections;
  await client.end();
  const byApp = {};
  for (const row of rows) byApp[row.app] = (byApp[row.app] ?? 0) + 1;
  console.log(`sizing (${seconds} s each, ${concurrency} concurrent clients, GET ${path_}):`);
  console.log(`  one replica, direct:     ${direct.rps} req/s (${direct.failed} failed)`);
  console.log(`  two replicas via Caddy:  ${proxied.rps} req/s (${proxied.failed} failed)`);
  console.log(`  RSS per replica: idle ${idle.join(' / ')} MiB, after load ${loaded.join(' / ')} MiB`);
  console.log(
    `  PostgreSQL connections of both replicas: ${rows.length} (${Object.entries(byApp)
      .map(([app, n]) => `${app} ${n}`)
      .join(', ')}); max_connections ${max}`,
  );
} finally {
  await shape.stop();
  rmSync(work, { recursive: true, force: true });
}
