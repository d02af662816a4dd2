import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { startTestApp, type TestApp } from './support/app.js';
import { assertBuilt, freePort } from './support/processes.js';
import { startWebhookReceiver, type WebhookDelivery, type WebhookReceiver } from './support/webhook-receiver.js';

/**
 * The production shape, proven (issue 17): two API replicas (NODE_ENV=production,
 * TRUST_PROXY=true), the admin and Caddy with deploy/Caddyfile, started by the same library as
 * `npm run prod-shape` (scripts/lib/prod-shape.mjs), under a steady bounded loopback load:
 * - SIGKILL of one replica: public reads keep answering (Caddy retries), staff writes succeed or
 *   fail with 502/503 and leave nothing half-written; the figures are printed;
 * - a rolling restart (SIGTERM each replica in turn, start it again): 0 failed requests, and a
 *   story scheduled to go live in the middle of it is published exactly once, not early;
 * - /metrics (Prometheus text, parsed by parse-prometheus-text-format) and the Grafana dashboard;
 * - logs: one JSON line per request with its id, no password or session token anywhere.
 * Caddy missing is a failure (not a skip): .ci/run installs it.
 */
const ROOT = resolve(import.meta.dirname, '../../..');
const METRICS_TOKEN = `metrics-${randomBytes(16).toString('hex')}`;
const DRAIN_MS = 1500;

interface Service {
  name: string;
  lines: string[];
  running: boolean;
  exits: Array<{ code: number | null; signal: string | null; at: number }>;
  start(): Promise<unknown>;
  kill(signal?: string): void;
  stop(timeoutMs?: number): Promise<{ code: number | null; signal: string | null }>;
}
interface Shape {
  proxyUrl: string;
  apis: Service[];
  admin: Service | null;
  caddy: Service;
  stop(): Promise<void>;
}

interface Outcome {
  kind: 'read' | 'write';
  startedAt: number;
  endedAt: number;
  status: number | null;
  error?: string;
  headline?: string;
  body?: string;
}

let app: TestApp;
let shape: Shape;
let workDir: string;
let receiver: WebhookReceiver;
let editor: { token: string; password: string; email: string };
const secrets: string[] = [];
let deliveries: WebhookDelivery[];
const figures: string[] = [];

/** A steady, bounded load through Caddy: `readers` loops of public reads and one loop of staff writes. */
function startLoad(proxyUrl: string, token: string, label: string, readers = 3) {
  const outcomes: Outcome[] = [];
  let running = true;
  let n = 0;
  const once = async (kind: Outcome['kind'], init: RequestInit & { path: string }, headline?: string) => {
    const startedAt = Date.now();
    try {
      const response = await fetch(proxyUrl + init.path, { ...init, signal: AbortSignal.timeout(15_000) });
      const body = await response.text();
      outcomes.push({ kind, startedAt, endedAt: Date.now(), status: response.status, headline, body: response.ok ? undefined : body });
    } catch (error) {
      outcomes.push({ kind, startedAt, endedAt: Date.now(), status: null, error: String((error as Error).cause ?? error), headline });
    }
  };
  const pause = () => new Promise((done) => setTimeout(done, 15));
  const loops = [
    ...Array.from({ length: readers }, async (_, i) => {
      while (running) {
        await once('read', { path: i % 2 ? '/api/public/stories' : '/api/public/stories?limit=5' });
        await pause();
      }
    }),
    (async () => {
      while (running) {
        const headline = `Load ${label} ${++n} ${randomBytes(3).toString('hex')}`;
        await once(
          'write',
          {
            path: '/api/stories',
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ headline, bylineIds: [app.bylineId] }),
          },
          headline,
        );
        await pause();
      }
    })(),
  ];
  return {
    outcomes,
    async stop() {
      running = false;
      await Promise.all(loops);
      return outcomes;
    },
  };
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Resolves once `service` has logged a proxied public read after line `from` (Caddy routes to it again). */
async function servesTraffic(service: Service, from: number, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (service.lines.slice(from).some((line) => line.includes('"route":"/api/public/stories"'))) return;
    await sleep(100);
  }
  throw new Error(`${service.name} got no proxied request within ${timeoutMs} ms after it started`);
}

/** Every staff write either committed whole (story + its audit entry) or not at all. */
async function checkWrites(outcomes: Outcome[]): Promise<{ ok: number; failed: number; failedCommitted: number }> {
  const writes = outcomes.filter((o) => o.kind === 'write');
  let failedCommitted = 0;
  for (const write of writes) {
    const stories = (await app.db.query(`SELECT id FROM stories WHERE headline = $1`, [write.headline])) as Array<{ id: string }>;
    expect(stories.length).toBeLessThanOrEqual(1);
    if (write.status === 201) expect(stories).toHaveLength(1);
    else expect({ status: write.status, error: write.error, body: write.body }).toMatchObject({ status: expect.any(Number) });
    if (write.status !== 201) expect([502, 503]).toContain(write.status);
    if (stories.length === 1) {
      const audit = (await app.db.query(`SELECT count(*)::int AS n FROM audit_entries WHERE entity = 'story' AND entity_id = $1`, [
        stories[0]!.id,
      ])) as Array<{ n: number }>;
      expect(audit[0]!.n).toBeGreaterThanOrEqual(1);
      if (write.status !== 201) failedCommitted++;
    }
  }
  return { ok: writes.filter((w) => w.status === 201).length, failed: writes.filter((w) => w.status !== 201).length, failedCommitted };
}

beforeAll(async () => {
  assertBuilt();
  // Fails (never skips) without Caddy, naming the fix.
  const { findCaddy, startProdShape } = await import(join(ROOT, 'scripts/lib/prod-shape.mjs'));
  findCaddy();
  app = await startTestApp({ OUTBOX_WORKER: 'false' });
  receiver = await startWebhookReceiver();
  deliveries = receiver.deliveries;
  const base = Number(process.env.PROD_SHAPE_TEST_PORT_BASE || 0);
  const ports = base
    ? { proxy: base, apis: [base + 1, base + 2], admin: base + 3 }
    : { proxy: await freePort(), apis: [await freePort(), await freePort()], admin: await freePort() };
  workDir = mkdtempSync(join(tmpdir(), 'newsdesk-prod-shape-'));
  shape = await startProdShape({
    root: ROOT,
    databaseUrl: app.config.DATABASE_URL,
    ports,
    workDir,
    healthInterval: '500ms',
    caddyLogLevel: 'DEBUG',
    apiEnv: {
      WEBHOOK_URLS: receiver.url,
      METRICS_TOKEN,
      SHUTDOWN_DRAIN_MS: String(DRAIN_MS),
    },
  });
  editor = await app.signIn(['editor']);
  secrets.push(editor.password, editor.token);
}, 180_000);

afterAll(async () => {
  await shape?.stop();
  await receiver?.close();
  await app?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
  if (figures.length) process.stdout.write(`\n[figures] production shape\n${figures.map((f) => `  ${f}`).join('\n')}\n`);
});

it('serves the admin and the API through Caddy, with NODE_ENV=production replicas behind it', async () => {
  const login = await fetch(`${shape.proxyUrl}/login`);
  expect(login.status).toBe(200);
  expect(login.headers.get('x-frame-options')).toBe('DENY');
  const stories = await fetch(`${shape.proxyUrl}/api/public/stories`);
  expect(stories.status).toBe(200);
  // The request id: a safe incoming one is echoed, anything else replaced by a fresh UUID.
  const mine = await fetch(`${shape.proxyUrl}/api/public/stories`, { headers: { 'x-request-id': 'ops-test-0001' } });
  expect(mine.headers.get('x-request-id')).toBe('ops-test-0001');
  const unsafe = await fetch(`${shape.proxyUrl}/api/public/stories`, { headers: { 'x-request-id': '<script>alert(1)</script>' } });
  expect(unsafe.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
});

it('SIGKILL of one replica: public reads keep answering, writes succeed or fail with 502/503 and leave no partial state', async () => {
  const [victim, survivor] = shape.apis as [Service, Service];
  const load = startLoad(shape.proxyUrl, editor.token, 'kill');
  await sleep(1500);
  const caddyFrom = shape.caddy.lines.length;
  const killedAt = Date.now();
  victim.kill('SIGKILL');
  await sleep(4000);
  const outcomes = await load.stop();
  const reads = outcomes.filter((o) => o.kind === 'read');
  const failedReads = reads.filter((o) => o.status !== 200);
  // A read fails only if it was in flight on the victim when it died and Caddy could not retry it
  // within lb_try_duration; each such failure is a clear 502, never a hang or another error.
  for (const failure of failedReads) {
    expect(failure.status).toBe(502);
    expect(failure.startedAt).toBeLessThanOrEqual(killedAt + 5000);
  }
  const writes = await checkWrites(outcomes);
  expect(writes.ok).toBeGreaterThan(0);
  expect(reads.filter((o) => o.startedAt > killedAt && o.status === 200).length).toBeGreaterThan(0);

  // When Caddy stopped routing to the dead replica: its last attempt to reach it, from its debug log.
  const victimAddress = `127.0.0.1:${(victim as unknown as { env: { PORT: string } }).env.PORT}`;
  const attempts = shape.caddy.lines
    .slice(caddyFrom)
    .map((line) => {
      try {
        return JSON.parse(line) as { ts: number; msg: string; upstream?: string; error?: string };
      } catch {
        return null;
      }
    })
    .filter((entry) => entry && entry.upstream === victimAddress && entry.ts * 1000 >= killedAt);
  const lastAttempt = attempts.length ? Math.max(...attempts.map((entry) => entry!.ts * 1000)) : killedAt;
  figures.push(
    `SIGKILL of 1 of 2 replicas under load: ${failedReads.length} failed public reads of ${reads.length}; ` +
      `staff writes ${writes.ok} ok, ${writes.failed} failed with 502/503 (${writes.failedCommitted} of those committed whole, 0 partial); ` +
      `Caddy stopped routing to the dead replica ${Math.round(lastAttempt - killedAt)} ms after the kill (${attempts.length} attempts at it, each retried elsewhere)`,
  );
  expect(survivor.running).toBe(true);

  // Back to two replicas before the next test.
  const from = victim.lines.length;
  await victim.start();
  await servesTraffic(victim, from).catch(async () => {
    // No load is running now: make some, so that the balancer reaches it.
    for (let i = 0; i < 20; i++) await fetch(`${shape.proxyUrl}/api/public/stories`).then((r) => r.arrayBuffer());
    await servesTraffic(victim, from);
  });
}, 90_000);

it('rolling restart (SIGTERM each replica in turn): 0 failed requests, and a scheduled story is published once, on time', async () => {
  // A story scheduled to go live while the first replica is restarting.
  const created = await fetch(`${shape.proxyUrl}/api/stories`, {
    method: 'POST',
    headers: { authorization: `Bearer ${editor.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ headline: `Rolling ${Date.now()}`, bylineIds: [app.bylineId] }),
  }).then((r) => r.json() as Promise<{ id: string; slug: string; version: number }>);
  const publishAt = new Date(Date.now() + 4000);
  const scheduled = await fetch(`${shape.proxyUrl}/api/stories/${created.id}/publish`, {
    method: 'POST',
    headers: { authorization: `Bearer ${editor.token}`, 'content-type': 'application/json', 'x-request-id': 'ops-schedule-0001' },
    body: JSON.stringify({ version: created.version, publishAt: publishAt.toISOString() }),
  });
  expect(scheduled.status).toBe(200);
  expect(((await scheduled.json()) as { status: string }).status).toBe('scheduled');

  const load = startLoad(shape.proxyUrl, editor.token, 'rolling');
  await sleep(1000);
  const restarts: string[] = [];
  for (const api of shape.apis) {
    const t = Date.now();
    const exit = await api.stop();
    expect(exit).toEqual({ code: 0, signal: null });
    const from = api.lines.length;
    await api.start();
    await servesTraffic(api, from);
    restarts.push(`${api.name} ${Date.now() - t} ms`);
    // The drain is logged in order: draining (probes red), closing, stopped.
    const log = api.lines.slice(0, from).join('\n');
    expect(log.lastIndexOf('draining')).toBeLessThan(log.lastIndexOf('closing'));
    expect(log.lastIndexOf('closing')).toBeLessThan(log.lastIndexOf('"stopped"'));
  }
  await sleep(500);
  const outcomes = await load.stop();
  const failed = outcomes.filter((o) => (o.kind === 'read' ? o.status !== 200 : o.status !== 201));
  expect(failed).toEqual([]);
  await checkWrites(outcomes);

  // Exactly one delivery of story.published, not before its instant.
  const until = Date.now() + 30_000;
  while (!deliveries.some((d) => d.storyId === created.id) && Date.now() < until) await sleep(200);
  await sleep(1000);
  const mine = deliveries.filter((d) => d.storyId === created.id);
  expect(mine.map((d) => d.type)).toEqual(['story.published']);
  expect(mine[0]!.at).toBeGreaterThanOrEqual(publishAt.getTime());
  const handled = (await app.db.query(
    `SELECT count(*)::int AS n, max(request_id) AS request_id FROM outbox_deliveries WHERE story_id = $1`,
    [created.id],
  )) as Array<{ n: number; request_id: string | null }>;
  expect(handled[0]).toEqual({ n: 1, request_id: 'ops-schedule-0001' });
  // The request id of the write is on its audit entry and its webhook too.
  expect(mine[0]!.requestId).toBe('ops-schedule-0001');
  const audit = (await app.db.query(
    `SELECT request_id FROM audit_entries WHERE entity = 'story' AND entity_id = $1 AND action = 'schedule'`,
    [created.id],
  )) as Array<{ request_id: string }>;
  expect(audit.map((row) => row.request_id)).toContain('ops-schedule-0001');
  const live = await fetch(`${shape.proxyUrl}/api/public/stories/${created.slug}`);
  expect(live.status).toBe(200);
  const reads = outcomes.filter((o) => o.kind === 'read').length;
  figures.push(
    `rolling restart under load (${restarts.join(', ')}): ${failed.length} failed of ${outcomes.length} requests (${reads} public reads, ${outcomes.length - reads} staff writes)`,
    `scheduled story: ${mine.length} story.published delivery, ${mine[0]!.at - publishAt.getTime()} ms after its instant`,
  );
}, 120_000);

it('exposes Prometheus metrics behind METRICS_TOKEN, and the Grafana dashboard uses only series that exist', async () => {
  const replica = `http://127.0.0.1:${(shape.apis[0] as unknown as { env: { PORT: string } }).env.PORT}`;
  expect((await fetch(`${replica}/metrics`)).status).toBe(401);
  expect((await fetch(`${replica}/metrics`, { headers: { authorization: 'Bearer wrong-token-wrong-token-wrong' } })).status).toBe(401);
  // Not routed by Caddy to the API (the admin answers it, not with metrics).
  expect(await fetch(`${shape.proxyUrl}/metrics`).then((r) => r.text())).not.toContain('newsdesk_http_requests_total');
  // Traffic to count: a cache miss then hits, and a throttled sign-in (6 wrong passwords for one account).
  for (let i = 0; i < 3; i++) await fetch(`${replica}/api/public/stories?limit=3`).then((r) => r.arrayBuffer());
  const victim = await app.signIn(['producer']);
  secrets.push(victim.password, victim.token);
  let throttled = 0;
  for (let i = 0; i < 7; i++) {
    const response = await fetch(`${replica}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: victim.email, password: `wrong-${victim.password}` }),
    });
    if (response.status === 429) throttled++;
  }
  expect(throttled).toBeGreaterThan(0);

  const response = await fetch(`${replica}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = await response.text();
  // A third-party parser: it throws on any line that is not valid text exposition format.
  const families = parsePrometheusTextFormat(text);
  const byName = new Map(families.map((family) => [family.name, family]));
  const value = (name: string, labels: Record<string, string> = {}) =>
    (byName.get(name)?.metrics ?? [])
      .filter((metric) => Object.entries(labels).every(([key, v]) => metric.labels?.[key] === v))
      .reduce((sum, metric) => sum + Number(metric.value ?? metric.count ?? 0), 0);

  expect(byName.get('newsdesk_http_requests_total')?.type).toBe('COUNTER');
  expect(value('newsdesk_http_requests_total', { route: '/api/public/stories', status: '200' })).toBeGreaterThanOrEqual(3);
  expect(value('newsdesk_http_requests_total', { route: '/api/auth/login', status: '429' })).toBe(throttled);
  const histogram = byName.get('newsdesk_http_request_duration_seconds');
  expect(histogram?.type).toBe('HISTOGRAM');
  // parse-prometheus-text-format 1.1.1 folds a labelled histogram's samples into one (its limit), so the
  // per-route count is read from the text it accepted.
  expect(histogram?.metrics[0]?.buckets?.['+Inf']).toBeDefined();
  const count = /^newsdesk_http_request_duration_seconds_count\{method="GET",route="\/api\/public\/stories",status="200"\} (\d+)$/m.exec(
    text,
  );
  expect(Number(count?.[1])).toBeGreaterThanOrEqual(3);
  expect(value('newsdesk_public_cache_requests_total', { result: 'hit' })).toBeGreaterThan(0);
  expect(value('newsdesk_public_cache_requests_total', { result: 'miss' })).toBeGreaterThan(0);
  expect(byName.has('newsdesk_public_cache_requests_total')).toBe(true);
  expect(value('newsdesk_public_cache_entries')).toBeGreaterThan(0);
  expect(value('newsdesk_login_throttle_rejections_total')).toBe(throttled);
  for (const name of ['newsdesk_outbox_due', 'newsdesk_outbox_lag_seconds', 'newsdesk_outbox_failed', 'newsdesk_db_pool_waiting']) {
    expect(byName.get(name)?.type).toBe('GAUGE');
    expect(Number.isFinite(value(name))).toBe(true);
  }
  expect(
    value('newsdesk_db_pool_connections', { state: 'idle' }) + value('newsdesk_db_pool_connections', { state: 'in_use' }),
  ).toBeGreaterThan(0);
  expect(value('newsdesk_db_pool_max')).toBe(10);
  expect(byName.get('nodejs_eventloop_lag_seconds')?.type).toBe('GAUGE');
  // No raw URL as a label: only route templates.
  for (const metric of byName.get('newsdesk_http_requests_total')!.metrics) expect(metric.labels?.route).not.toMatch(/\?|[0-9a-f]{8}-/);

  // The dashboard: JSON, import-ready, every series it queries is exposed.
  const dashboard = JSON.parse(readFileSync(join(ROOT, 'deploy/grafana-dashboard.json'), 'utf8'));
  expect(dashboard.title).toMatch(/Newsdesk/);
  const panels: Array<{ title: string; targets?: Array<{ expr: string }> }> = dashboard.panels;
  const exprs = panels.flatMap((panel) => (panel.targets ?? []).map((target) => target.expr));
  expect(exprs.length).toBeGreaterThanOrEqual(8);
  const used = new Set(exprs.flatMap((expr) => expr.match(/\b(newsdesk|nodejs|process)_[a-z0-9_]+/g) ?? []));
  const exposed = new Set(
    families.flatMap((family) =>
      family.type === 'HISTOGRAM' ? [`${family.name}_bucket`, `${family.name}_sum`, `${family.name}_count`] : [family.name],
    ),
  );
  expect([...used].filter((name) => !exposed.has(name))).toEqual([]);
  for (const needed of [
    'newsdesk_http_requests_total',
    'newsdesk_http_request_duration_seconds_bucket',
    'newsdesk_outbox_lag_seconds',
    'nodejs_eventloop_lag_seconds',
  ])
    expect(used.has(needed)).toBe(true);
}, 60_000);

it('logs one JSON line per request (id, route template, status, duration, user) and no password, token or cookie', async () => {
  // An auth-heavy stretch through Caddy: sign-ins (bearer and cookie), a password change, sign-outs.
  const users = await Promise.all([app.signIn(['admin']), app.signIn(['editor']), app.signIn(['producer'])]);
  for (const user of users) secrets.push(user.password, user.token);
  const cookies: string[] = [];
  for (const user of users) {
    const login = await fetch(`${shape.proxyUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: user.email, password: user.password }),
    });
    expect(login.status).toBe(200);
    const { token } = (await login.json()) as { token: string };
    secrets.push(token);
    const cookie = login.headers.get('set-cookie');
    if (cookie) cookies.push(cookie.split(';')[0]!);
    expect((await fetch(`${shape.proxyUrl}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    if (cookie) expect((await fetch(`${shape.proxyUrl}/api/auth/me`, { headers: { cookie: cookie.split(';')[0]! } })).status).toBe(200);
    await fetch(`${shape.proxyUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: user.email, password: `${user.password}-typo` }),
    });
    const out = await fetch(`${shape.proxyUrl}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(out.status).toBeLessThan(300);
  }
  for (const cookie of cookies) secrets.push(cookie.split('=').slice(1).join('='));
  await sleep(300);

  const lines = [...shape.apis.flatMap((api) => api.lines), ...(shape.admin?.lines ?? []), ...shape.caddy.lines];
  const requestLines = shape.apis
    .flatMap((api) => api.lines)
    .flatMap((line) => {
      try {
        const entry = JSON.parse(line);
        return entry.msg === 'request' ? [entry] : [];
      } catch {
        return [];
      }
    });
  const me = requestLines.filter((entry) => entry.route === '/api/auth/me' && entry.status === 200);
  expect(me.length).toBeGreaterThanOrEqual(users.length);
  for (const entry of me) {
    expect(entry).toEqual({
      level: 30,
      time: expect.any(String),
      service: 'newsdesk-api',
      requestId: expect.any(String),
      method: 'GET',
      route: '/api/auth/me',
      status: 200,
      durationMs: expect.any(Number),
      userId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      msg: 'request',
    });
  }
  expect(requestLines.some((entry) => entry.route === '/api/stories/:id/publish' && entry.requestId === 'ops-schedule-0001')).toBe(true);
  const all = lines.join('\n');
  const leaked = secrets.filter((secret) => secret.length >= 8 && all.includes(secret));
  expect(leaked).toEqual([]);
  figures.push(
    `logs: ${lines.length} lines from 2 replicas, the admin and Caddy; ${secrets.length} passwords/tokens/cookies searched, 0 found`,
  );
}, 60_000);
