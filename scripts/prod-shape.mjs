#!/usr/bin/env node
// `npm run prod-shape`: Newsdesk in its production shape on this machine, without Docker:
// PostgreSQL (DATABASE_URL, else an embedded one with data in .data/prod-shape/postgres), two API
// replicas (NODE_ENV=production, TRUST_PROXY=true), the admin (`next start`) and Caddy with
// deploy/Caddyfile in front. Ctrl-C stops everything (the APIs drain first). See docs/operations.md.
//
// Ports (env): PROD_SHAPE_PORT (Caddy, default 8080), PROD_SHAPE_API_PORTS (default "4011,4012"),
// PROD_SHAPE_ADMIN_PORT (default 3011). Needs a build (`npm run build`) and Caddy (apt-get install caddy).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startProdShape } from './lib/prod-shape.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ports = {
  proxy: Number(process.env.PROD_SHAPE_PORT || 8080),
  apis: (process.env.PROD_SHAPE_API_PORTS || '4011,4012').split(',').map(Number),
  admin: Number(process.env.PROD_SHAPE_ADMIN_PORT || 3011),
};

const pgLib = await import('./lib/postgres.mjs');
let embedded = null;
let databaseUrl = process.env.DATABASE_URL;
if (databaseUrl) {
  await pgLib.ensureDatabase(databaseUrl, pgLib.databaseName(databaseUrl));
  console.log(`PostgreSQL: DATABASE_URL ${pgLib.redactUrl(databaseUrl)}`);
} else {
  const { startPostgresHost } = await import('./lib/pg-host.mjs');
  const port = Number(process.env.NEWSDESK_PG_PORT || (await pgLib.findFreePort()));
  embedded = await startPostgresHost({ dataDir: path.join(root, '.data/prod-shape/postgres'), port, persistent: true });
  databaseUrl = await pgLib.ensureDatabase(embedded.url, 'newsdesk');
  console.log(`PostgreSQL: embedded on port ${embedded.port}`);
}

let shape;
try {
  shape = await startProdShape({
    root,
    databaseUrl,
    ports,
    echo: true,
    healthInterval: process.env.API_HEALTH_INTERVAL || '2s',
    apiEnv: Object.fromEntries(
      ['ADMIN_EMAIL', 'ADMIN_PASSWORD', 'METRICS_TOKEN', 'WEBHOOK_URLS', 'WEBHOOK_SECRET', 'SHUTDOWN_DRAIN_MS']
        .filter((key) => process.env[key])
        .map((key) => [key, process.env[key]]),
    ),
  });
} catch (error) {
  console.error(error.message);
  await embedded?.stop();
  process.exit(1);
}
console.log(`
Newsdesk (production shape) is up:
  ${shape.proxyUrl}                 Caddy: the admin, /api and /health
  API replicas   ${ports.apis.map((p) => `http://127.0.0.1:${p}`).join('  ')}  (GET /metrics with METRICS_TOKEN)
  admin          http://127.0.0.1:${ports.admin}
  logs           ${path.relative(root, shape.logDir)}/   media ${path.relative(root, shape.mediaDir)}/
Ctrl-C stops it.`);

let stopping = false;
const stop = async (signal) => {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping (API replicas drain first)`);
  await shape.stop();
  await embedded?.stop();
  process.exit(0);
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void stop(signal));
for (const service of [...shape.apis, shape.admin, shape.caddy].filter(Boolean))
  service.exited.then(({ code, signal }) => {
    if (!stopping) console.error(`${service.name} exited (${signal ?? `code ${code}`}); the others keep running`);
  });
